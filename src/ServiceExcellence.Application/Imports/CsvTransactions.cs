using System.Globalization;
using System.Text;
using System.Text.Json;
using nietras.SeparatedValues;
using ServiceExcellence.Application.Common;
using ServiceExcellence.Application.Integrations;

namespace ServiceExcellence.Application.Imports;

/// <summary>The file cannot be read as CSV; the message says why, for the person who uploaded it.</summary>
public sealed class CsvFormatException(string message) : Exception(message);

/// <summary>A data row: its line in the file (the header is line 1) and its values.</summary>
public sealed record CsvRow(int Line, string[] Values);

public sealed record CsvTable(IReadOnlyList<string> Headers, IReadOnlyList<CsvRow> Rows);

/// <summary>
/// Reading a CSV file of transactions: UTF-8 (with or without BOM), comma, semicolon or tab separated,
/// quoted fields with doubled quotes and line breaks (RFC 4180), one header row. A file that breaks any of
/// this is refused whole with a message that says where.
/// </summary>
public static class CsvTransactions
{
    public const int MaxBytes = 10 * 1024 * 1024;
    public const int MaxRows = 50_000;

    /// <summary>The fields a column can be mapped to, in the order the preview shows them, with their labels.</summary>
    public static readonly IReadOnlyList<(string Field, string Label, bool Required)> Fields =
    [
        (TransactionFields.ExternalReference, "External reference", true),
        (TransactionFields.ClientReference, "Client reference (external id)", true),
        (TransactionFields.ContactEmail, "Contact email", true),
        (TransactionFields.ContactName, "Contact name", false),
        (TransactionFields.ContactLanguage, "Contact language", false),
        (TransactionFields.ServiceLine, "Service line code", true),
        (TransactionFields.PerformedBy, "Performed by (staff email)", false),
        (TransactionFields.OccurredAt, "Occurred at", true),
        (TransactionFields.Channel, "Channel", false),
        (TransactionFields.InvoicedAmount, "Invoiced amount", false),
        (TransactionFields.Currency, "Currency", false),
    ];

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["externalreference"] = TransactionFields.ExternalReference,
        ["reference"] = TransactionFields.ExternalReference,
        ["ref"] = TransactionFields.ExternalReference,
        ["clientreference"] = TransactionFields.ClientReference,
        ["clientexternalid"] = TransactionFields.ClientReference,
        ["clientid"] = TransactionFields.ClientReference,
        ["client"] = TransactionFields.ClientReference,
        ["contactemail"] = TransactionFields.ContactEmail,
        ["email"] = TransactionFields.ContactEmail,
        ["contactname"] = TransactionFields.ContactName,
        ["contact"] = TransactionFields.ContactName,
        ["contactlanguage"] = TransactionFields.ContactLanguage,
        ["language"] = TransactionFields.ContactLanguage,
        ["serviceline"] = TransactionFields.ServiceLine,
        ["servicelinecode"] = TransactionFields.ServiceLine,
        ["performedby"] = TransactionFields.PerformedBy,
        ["staffemail"] = TransactionFields.PerformedBy,
        ["occurredat"] = TransactionFields.OccurredAt,
        ["occurred"] = TransactionFields.OccurredAt,
        ["date"] = TransactionFields.OccurredAt,
        ["channel"] = TransactionFields.Channel,
        ["invoicedamount"] = TransactionFields.InvoicedAmount,
        ["amount"] = TransactionFields.InvoicedAmount,
        ["currency"] = TransactionFields.Currency,
    };

    /// <summary>The file's text: strict UTF-8, the byte-order mark removed.</summary>
    public static string Decode(byte[] bytes)
    {
        if (bytes.Length == 0)
        {
            throw new CsvFormatException("The file is empty.");
        }

        try
        {
            var text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
            return text.TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            throw new CsvFormatException("The file is not UTF-8 text. In Excel, save it as “CSV UTF-8 (comma delimited)”.");
        }
    }

    public static CsvTable Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new CsvFormatException("The file is empty.");
        }

        // Quotes come in pairs in a well-formed file (a quote inside a field is doubled); an odd count means one is never closed.
        if (text.Count(c => c == '"') % 2 != 0)
        {
            throw new CsvFormatException("A quoted field is never closed: check the file for a stray \" character.");
        }

        if (text.Contains('\0', StringComparison.Ordinal))
        {
            throw new CsvFormatException("The file holds binary data, not CSV text.");
        }

        try
        {
            SepReader opened;
            try
            {
                opened = Sep.Reader(o => o with { Unescape = true, DisableColCountCheck = true }).FromText(text);
            }
            catch (ArgumentException ex)
            {
                // Sep refuses a header that names a column twice.
                throw new CsvFormatException($"The header names a column twice: {ex.Message}");
            }

            using var reader = opened;
            var headers = reader.Header.ColNames.Select(h => h.Trim()).ToList();
            if (headers.Count < 2 || headers.All(h => h.Length == 0))
            {
                throw new CsvFormatException("The first row must name the columns, separated by commas or semicolons.");
            }

            var duplicate = headers.Where(h => h.Length > 0).GroupBy(h => h, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                throw new CsvFormatException($"The header names a column twice: “{duplicate.Key}”.");
            }

            var rows = new List<CsvRow>();
            foreach (var row in reader)
            {
                if (row.ColCount == 1 && row[0].Span.Trim().IsEmpty)
                {
                    continue;
                }

                if (row.ColCount != headers.Count)
                {
                    throw new CsvFormatException($"Line {row.LineNumberFrom} has {row.ColCount} fields but the header has {headers.Count}. Check for a missing or extra separator or an unquoted comma.");
                }

                if (rows.Count == MaxRows)
                {
                    throw new CsvFormatException($"The file has more than {MaxRows:N0} rows; split it into smaller files.");
                }

                var values = new string[row.ColCount];
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = row[i].ToString().Trim();
                }

                rows.Add(new CsvRow(row.LineNumberFrom, values));
            }

            return rows.Count == 0 ? throw new CsvFormatException("The file has a header but no rows.") : new CsvTable(headers, rows);
        }
        catch (Exception ex) when (ex is not CsvFormatException)
        {
            throw new CsvFormatException($"The file cannot be read as CSV: {ex.Message}");
        }
    }

    /// <summary>Each field mapped to the header that names it (ignoring case, spaces and punctuation), where one does.</summary>
    public static Dictionary<string, string> AutoMap(IReadOnlyList<string> headers)
    {
        var mapping = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var header in headers)
        {
            var key = new string(header.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
            if (Aliases.TryGetValue(key, out var field))
            {
                mapping.TryAdd(field, header);
            }
        }

        return mapping;
    }

    public static string WriteMapping(IReadOnlyDictionary<string, string> mapping) => JsonSerializer.Serialize(mapping);

    public static Dictionary<string, string> ReadMapping(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];

    public static IEnumerable<string> MissingFields(IReadOnlyDictionary<string, string> mapping, IReadOnlyList<string> headers) =>
        Fields.Where(f => f.Required && !(mapping.TryGetValue(f.Field, out var header) && ColumnOf(headers, header) >= 0)).Select(f => f.Field);

    /// <summary>The row as the API would receive it, or the errors of values that are not even of the right kind.</summary>
    public static (TransactionInput? Input, Dictionary<string, string[]>? Errors) ToInput(CsvRow row, IReadOnlyList<string> headers, IReadOnlyDictionary<string, string> mapping)
    {
        string? Value(string field) =>
            mapping.TryGetValue(field, out var header) && ColumnOf(headers, header) is var i and >= 0 && row.Values[i] is { Length: > 0 } value ? value : null;

        decimal? amount = null;
        if (Value(TransactionFields.InvoicedAmount) is { } text)
        {
            if (!decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed))
            {
                return (null, new() { [TransactionFields.InvoicedAmount] = ["Not a number such as 480.50 (a point before the cents, no currency sign)."] });
            }

            amount = parsed;
        }

        return (new TransactionInput
        {
            ExternalReference = Value(TransactionFields.ExternalReference),
            ClientReference = Value(TransactionFields.ClientReference),
            Contact = new ContactInput
            {
                Email = Value(TransactionFields.ContactEmail),
                Name = Value(TransactionFields.ContactName),
                Language = Value(TransactionFields.ContactLanguage),
            },
            ServiceLine = Value(TransactionFields.ServiceLine),
            PerformedBy = Value(TransactionFields.PerformedBy),
            OccurredAt = Value(TransactionFields.OccurredAt),
            Channel = Value(TransactionFields.Channel),
            InvoicedAmount = amount,
            Currency = Value(TransactionFields.Currency),
        }, null);
    }

    /// <summary>The index of the column named <paramref name="header"/>, or -1.</summary>
    public static int ColumnOf(IReadOnlyList<string> headers, string header)
    {
        for (var i = 0; i < headers.Count; i++)
        {
            if (string.Equals(headers[i], header, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>"field: message; field: message" — one cell of the rejected-rows report.</summary>
    public static string Describe(IReadOnlyDictionary<string, string[]> errors) =>
        string.Join("; ", errors.SelectMany(e => e.Value.Select(m => e.Key.Length == 0 ? m : $"{e.Key}: {m}")));

    /// <summary>One CSV line, fields quoted where needed (RFC 4180), ending with CRLF.</summary>
    public static string Line(IEnumerable<string> values) =>
        string.Join(",", values.Select(Quote)) + "\r\n";

    private static string Quote(string value)
    {
        // Neutralised like every export (Csv.Text); quoted also on ';' for spreadsheets that split on it.
        var safe = Csv.Text(value) ?? string.Empty;
        return safe.IndexOfAny([',', '"', '\r', '\n', ';']) >= 0 ? "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : safe;
    }
}
