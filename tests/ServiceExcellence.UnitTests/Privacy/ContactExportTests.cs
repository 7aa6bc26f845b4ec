using System.Globalization;
using System.Text;
using ServiceExcellence.Application.Privacy;

namespace ServiceExcellence.UnitTests.Privacy;

public sealed class ContactExportTests
{
    private static readonly DateTimeOffset At = new(2026, 6, 15, 9, 0, 0, TimeSpan.FromHours(2));

    [Fact]
    public void A_comment_a_spreadsheet_would_run_as_a_formula_is_exported_as_text()
    {
        var csv = Csv(Model(comment: "=HYPERLINK(\"http://x\")"));

        Assert.Contains(",comment,\"'=HYPERLINK(\"\"http://x\"\")\"\r\n", csv, StringComparison.Ordinal);
    }

    [Fact]
    public void Times_are_utc_and_amounts_use_a_dot_whatever_the_culture()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("de-DE");
        try
        {
            var csv = Csv(Model(comment: null));

            Assert.Contains(",occurredAt,2026-06-15T07:00:00Z\r\n", csv, StringComparison.Ordinal);
            Assert.Contains(",invoicedAmount,1234.50\r\n", csv, StringComparison.Ordinal);
            Assert.Contains(",comment,\r\n", csv, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Every_line_has_the_four_columns_of_the_header()
    {
        var csv = Csv(Model(comment: "plain"));

        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("section,recordId,field,value", lines[0]);
        Assert.All(lines, l => Assert.Equal(3, l.Count(c => c == ',')));
    }

    private static string Csv(ContactPrivacy.Model model) => Encoding.UTF8.GetString(ExportContactData.ToCsv(model)).TrimStart('\uFEFF');

    private static ContactPrivacy.Model Model(string? comment)
    {
        var contactId = Guid.CreateVersion7();
        var transactionId = Guid.CreateVersion7();
        return new ContactPrivacy.Model(
            new ContactPrivacy.ContactRecord(contactId, Guid.CreateVersion7(), "Northwind", "Anna Andersen", "anna@northwind.example", "en", false, At, null),
            [new ContactPrivacy.TransactionRow(transactionId, "manual", "T-1", At, "Field repair", "OnSite", 1234.50m, "EUR")],
            [],
            [new ContactPrivacy.RatingRow(Guid.CreateVersion7(), transactionId, At, null, 2, null, null, null, null, null, 3, comment, "en", [])],
            [],
            [],
            []);
    }
}
