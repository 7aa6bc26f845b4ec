using System.Text;
using ServiceExcellence.Application.Imports;
using ServiceExcellence.Application.Integrations;

namespace ServiceExcellence.UnitTests.Imports;

public sealed class CsvTransactionsTests
{
    [Fact]
    public void Quoted_fields_keep_their_separators_doubled_quotes_and_line_breaks()
    {
        var table = CsvTransactions.Parse("ref,name,amount\r\nA-1,\"Andersen, Anna \"\"AA\"\"\",1\r\nA-2,\"Ben\r\nBecker\",2\r\n");

        Assert.Equal(["ref", "name", "amount"], table.Headers);
        Assert.Equal(["A-1", "Andersen, Anna \"AA\"", "1"], table.Rows[0].Values);
        Assert.Equal(["A-2", "Ben\r\nBecker", "2"], table.Rows[1].Values);
        Assert.Equal([2, 3], table.Rows.Select(r => r.Line));
    }

    [Fact]
    public void A_byte_order_mark_is_dropped_and_semicolons_are_recognised()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("externalReference;amount\nA-1;1\n\nA-2;2\n")).ToArray();

        var table = CsvTransactions.Parse(CsvTransactions.Decode(bytes));

        Assert.Equal(["externalReference", "amount"], table.Headers);
        Assert.Equal(["A-1", "A-2"], table.Rows.Select(r => r.Values[0]));
    }

    [Theory]
    [InlineData("a,b\n1,2,3\n", "Line 2 has 3 fields but the header has 2.")]
    [InlineData("a,b\n1,2\n3\n", "Line 3 has 1 fields but the header has 2.")]
    [InlineData("a,b\n\"1,2\n", "A quoted field is never closed")]
    [InlineData("a,b,a\n1,2,3\n", "The header names a column twice")]
    [InlineData("a,b,A\n1,2,3\n", "The header names a column twice: “a”.")]
    [InlineData("single\n1\n", "The first row must name the columns")]
    [InlineData("a,b\n", "The file has a header but no rows.")]
    [InlineData("  \n", "The file is empty.")]
    public void A_malformed_file_is_refused_with_where_it_is_wrong(string text, string message)
    {
        var error = Assert.Throws<CsvFormatException>(() => CsvTransactions.Parse(text));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_that_is_not_utf8_is_refused()
    {
        var error = Assert.Throws<CsvFormatException>(() => CsvTransactions.Decode(Encoding.Latin1.GetBytes("name\nChloé\n")));

        Assert.StartsWith("The file is not UTF-8 text.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Columns_are_mapped_by_name_ignoring_case_spaces_and_punctuation()
    {
        var mapping = CsvTransactions.AutoMap(["External Reference", "client_reference", "E-mail", "Service line", "Occurred at", "Notes"]);

        Assert.Equal("External Reference", mapping[TransactionFields.ExternalReference]);
        Assert.Equal("client_reference", mapping[TransactionFields.ClientReference]);
        Assert.Equal("E-mail", mapping[TransactionFields.ContactEmail]);
        Assert.Equal("Service line", mapping[TransactionFields.ServiceLine]);
        Assert.Equal("Occurred at", mapping[TransactionFields.OccurredAt]);
        Assert.Equal(5, mapping.Count);
    }

    [Fact]
    public void A_row_becomes_the_apis_input_and_an_amount_that_is_not_a_number_is_an_error()
    {
        var headers = new[] { "ref", "amount" };
        var mapping = new Dictionary<string, string> { [TransactionFields.ExternalReference] = "ref", [TransactionFields.InvoicedAmount] = "amount" };

        var (input, errors) = CsvTransactions.ToInput(new CsvRow(2, ["A-1", "1234.50"]), headers, mapping);
        var (_, bad) = CsvTransactions.ToInput(new CsvRow(3, ["A-2", "12,50 €"]), headers, mapping);

        Assert.Null(errors);
        Assert.Equal(("A-1", 1234.50m), (input!.ExternalReference, input.InvoicedAmount));
        Assert.Equal([TransactionFields.InvoicedAmount], bad!.Keys);
    }

    [Fact]
    public void Report_lines_are_quoted_where_needed_and_never_start_a_spreadsheet_formula()
    {
        Assert.Equal("A-1,\"Anna, \"\"AA\"\"\",'=HYPERLINK(1),plain\r\n", CsvTransactions.Line(["A-1", "Anna, \"AA\"", "=HYPERLINK(1)", "plain"]));
    }
}
