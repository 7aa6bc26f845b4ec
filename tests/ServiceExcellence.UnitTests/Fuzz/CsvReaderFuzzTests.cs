using System.Text;
using CsCheck;
using ServiceExcellence.Application.Imports;
using ServiceExcellence.Tests.Fuzz;

namespace ServiceExcellence.UnitTests.Fuzz;

/// <summary>
/// The CSV reader of the transaction import on arbitrary files: it either reads a table whose every row has the
/// header's fields, or refuses the file with a <see cref="CsvFormatException"/> that says why (and where) — never
/// any other exception. A well-formed file, however hostile its values, reads back exactly as written.
/// </summary>
public sealed class CsvReaderFuzzTests
{
    private static readonly Gen<string> Separator = Gen.OneOf(",", ";");
    private static readonly Gen<string> LineEnd = Gen.OneOf("\r\n", "\n", "\r");
    private static readonly Gen<string> Bom = Gen.OneOf(string.Empty, string.Empty, "\uFEFF", "\uFEFF\uFEFF");

    /// <summary>Cell values: anything a UTF-8 file can hold except NUL (refused as binary), including quotes and line breaks.</summary>
    private static readonly Gen<string> Value = Hostile.Text.Select(v => Hostile.Encodable(v).Replace("\0", string.Empty, StringComparison.Ordinal));

    /// <summary>Two to twelve header names, distinct ignoring case and surrounding blanks.</summary>
    private static readonly Gen<string[]> Headers = Gen.Frequency(
            (3, Value.Where(v => v.Trim().Length > 0).Array[2, 12]),
            (1, Gen.OneOf(CsvTransactions.Fields.Select(f => f.Field).ToArray()).Array[2, 11]))
        .Select(names => names.DistinctBy(n => n.Trim(), StringComparer.OrdinalIgnoreCase).ToArray())
        .Where(names => names.Length >= 2);

    private static readonly Gen<(string[] Headers, string[][] Rows)> Table =
        Headers.SelectMany(headers => Value.Array[headers.Length].Array[1, 12].Select(rows => (headers, rows)));

    [Fact]
    public void Arbitrary_bytes_are_read_as_a_table_or_refused_with_a_reason()
    {
        var bytes = Gen.Frequency(
            (3, Gen.Byte.Array[0, 400]),
            (3, Hostile.Utf8WithInvalidBytes),
            (3, Gen.String[Hostile.Characters, 0, 400].Select(Encoding.UTF8.GetBytes)),
            (2, Table.SelectMany(t => Gen.Int[0, 2_000].Select(cut => Encoding.UTF8.GetBytes(Write(t.Headers, t.Rows, ",", "\r\n"))[..Math.Min(cut, Write(t.Headers, t.Rows, ",", "\r\n").Length)]))));

        Check.Sample(bytes, file =>
        {
            CsvTable table;
            try
            {
                table = CsvTransactions.Parse(CsvTransactions.Decode(file));
            }
            catch (CsvFormatException ex)
            {
                Assert.False(string.IsNullOrWhiteSpace(ex.Message));
                return;
            }

            Assert.True(table.Headers.Count >= 2);
            Assert.NotEmpty(table.Rows);
            Assert.All(table.Rows, row => Assert.Equal(table.Headers.Count, row.Values.Length));
            Assert.Equal(table.Rows.Select(r => r.Line).Order(), table.Rows.Select(r => r.Line));
            Assert.All(table.Rows, row => Assert.True(row.Line >= 2));

            // Whatever was read can be mapped and turned into inputs without an exception.
            var mapping = CsvTransactions.AutoMap(table.Headers);
            foreach (var row in table.Rows)
            {
                CsvTransactions.ToInput(row, table.Headers, mapping);
            }
        }, iter: Hostile.Iterations(3_000), print: file => Convert.ToHexString(file.AsSpan(0, Math.Min(file.Length, 200))));
    }

    [Fact]
    public void A_well_formed_file_reads_back_every_value_whatever_the_separator_line_ends_and_byte_order_mark()
    {
        Check.Sample(Gen.Select(Table, Separator, LineEnd, Bom, (t, s, e, b) => (t.Headers, t.Rows, Separator: s, LineEnd: e, Bom: b)), file =>
        {
            var text = file.Bom + Write(file.Headers, file.Rows, file.Separator, file.LineEnd);

            var table = CsvTransactions.Parse(CsvTransactions.Decode(Encoding.UTF8.GetBytes(text)));

            Assert.Equal(file.Headers.Select(h => h.Trim()), table.Headers);
            Assert.Equal(file.Rows.Length, table.Rows.Count);
            for (var i = 0; i < file.Rows.Length; i++)
            {
                Assert.Equal(file.Rows[i].Select(v => v.Trim()), table.Rows[i].Values);
            }
        }, iter: Hostile.Iterations(2_000), print: file => Shorten(file.Bom + Write(file.Headers, file.Rows, file.Separator, file.LineEnd)));
    }

    [Fact]
    public void A_row_with_a_field_too_many_or_too_few_is_refused_naming_its_line()
    {
        // Values without line breaks, so that row n of the file is on line n + 1.
        static string Flat(string value) => value.Replace("\r", string.Empty, StringComparison.Ordinal).Replace("\n", string.Empty, StringComparison.Ordinal);
        var flat = Value.Select(Flat);
        var flatHeaders = Headers.Select(names => names.Select(Flat).DistinctBy(n => n.Trim(), StringComparer.OrdinalIgnoreCase).ToArray())
            .Where(names => names.Length >= 2 && names.All(n => n.Trim().Length > 0));
        var gen = flatHeaders.SelectMany(headers => Gen.Select(
            flat.Array[headers.Length].Array[1, 12], Gen.Int[0, 11], Gen.Bool, (rows, at, extra) => (Headers: headers, Rows: rows, At: at % rows.Length, Extra: extra)));

        Check.Sample(gen, file =>
        {
            var rows = file.Rows.Select(r => r.ToArray()).ToArray();
            rows[file.At] = file.Extra ? [.. rows[file.At], "extra"] : rows[file.At][..^1];
            if (rows[file.At].Length == 1 && rows[file.At][0].Trim().Length == 0)
            {
                return; // a blank line is skipped, not a short row
            }

            var ex = Assert.Throws<CsvFormatException>(() => CsvTransactions.Parse(Write(file.Headers, rows, ",", "\n")));

            Assert.StartsWith($"Line {file.At + 2} has {rows[file.At].Length} fields", ex.Message, StringComparison.Ordinal);
        }, iter: Hostile.Iterations(1_000), print: file => System.Text.Json.JsonSerializer.Serialize(Write(file.Headers, file.Rows, ",", "\n")));
    }

    [Fact]
    public void Invalid_utf8_anywhere_is_refused_as_not_utf8()
    {
        Check.Sample(Gen.Select(Table, Gen.OneOf(Hostile.InvalidUtf8), Gen.Double[0, 1], (t, bad, at) => (t.Headers, t.Rows, Bad: bad, At: at)), file =>
        {
            var bytes = Encoding.UTF8.GetBytes(Write(file.Headers, file.Rows, ",", "\r\n"));
            var cut = (int)(file.At * bytes.Length);
            var broken = (byte[])[.. bytes[..cut], .. file.Bad, .. bytes[cut..]];

            var ex = Assert.Throws<CsvFormatException>(() => CsvTransactions.Decode(broken));

            Assert.Contains("not UTF-8", ex.Message, StringComparison.Ordinal);
        }, iter: Hostile.Iterations(500));
    }

    [Fact]
    public void A_nul_byte_is_refused_as_binary_data()
    {
        Check.Sample(Gen.Select(Table, Gen.Double[0, 1], (t, at) => (t.Headers, t.Rows, At: at)), file =>
        {
            var text = Write(file.Headers, file.Rows, ",", "\n");
            var at = (int)(file.At * text.Length);

            var ex = Assert.Throws<CsvFormatException>(() => CsvTransactions.Parse(text.Insert(at, "\0")));

            Assert.True(ex.Message.Contains("binary", StringComparison.Ordinal) || ex.Message.Contains("quoted field", StringComparison.Ordinal), ex.Message);
        }, iter: Hostile.Iterations(500));
    }

    [Fact]
    public void A_huge_field_and_many_columns_are_read()
    {
        var megabyte = Hostile.Megabyte('é');
        var wide = Enumerable.Range(0, 5_000).Select(i => $"column {i}").ToArray();

        var huge = CsvTransactions.Parse(Write(["externalReference", "comment"], [["A-1", megabyte]], ",", "\r\n"));
        var many = CsvTransactions.Parse(Write(wide, [wide.Select(c => c + " value").ToArray()], ";", "\n"));

        Assert.Equal(megabyte, huge.Rows[0].Values[1]);
        Assert.Equal(5_000, many.Headers.Count);
        Assert.Equal("column 4999 value", many.Rows[0].Values[^1]);
    }

    [Fact]
    public void Any_mapping_of_any_row_gives_an_input_or_a_field_message()
    {
        var fields = CsvTransactions.Fields.Select(f => f.Field).ToArray();
        var gen = Table.SelectMany(t => Gen.Select(
            Gen.OneOf(fields).Array[0, fields.Length], Gen.OneOf([.. t.Headers.Select(h => h.Trim()), "missing"]).Array[fields.Length],
            (mapped, headers) => (t.Headers, t.Rows, Mapping: mapped.Distinct().Select((f, i) => (f, headers[i])).ToDictionary(m => m.f, m => m.Item2))));

        Check.Sample(gen, file =>
        {
            var table = CsvTransactions.Parse(Write(file.Headers, file.Rows, ",", "\r\n"));
            foreach (var row in table.Rows)
            {
                var (input, errors) = CsvTransactions.ToInput(row, table.Headers, file.Mapping);
                Assert.True(input is not null ^ errors is not null);
                Assert.All(errors ?? [], e => Assert.Contains(e.Key, fields));
            }

            Assert.All(CsvTransactions.MissingFields(file.Mapping, table.Headers), f => Assert.Contains(f, fields));
            CsvTransactions.ReadMapping(CsvTransactions.WriteMapping(file.Mapping));
        }, iter: Hostile.Iterations(1_000));
    }

    /// <summary>An RFC 4180 file: every field quoted, quotes doubled.</summary>
    private static string Write(string[] headers, string[][] rows, string separator, string lineEnd) =>
        string.Concat(new[] { headers }.Concat(rows).Select(fields =>
            string.Join(separator, fields.Select(f => "\"" + f.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"")) + lineEnd));

    private static string Shorten(string text) => text.Length <= 400 ? text : text[..400] + $"… ({text.Length} characters)";
}
