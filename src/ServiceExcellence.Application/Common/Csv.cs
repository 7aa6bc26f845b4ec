using System.Globalization;
using System.Text;

namespace ServiceExcellence.Application.Common;

/// <summary>
/// RFC 4180 CSV: comma-separated, CRLF line ends, a field quoted when it holds a comma, a quote, a line break or
/// surrounding spaces, quotes inside doubled. Text typed by customers or staff that starts with = + - @ (or a tab)
/// is prefixed with an apostrophe so a spreadsheet shows it instead of running it as a formula (CSV injection).
/// </summary>
public static class Csv
{
    /// <summary>One export: a file name, a header row and the rows, read from the database as they are written.</summary>
    public sealed record Export(string FileName, IReadOnlyList<string> Header, IAsyncEnumerable<string?[]> Rows);

    public static string Line(IEnumerable<string?> fields) => string.Join(",", fields.Select(Field)) + "\r\n";

    public static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var needsQuotes = value.AsSpan().IndexOfAny(",\"\r\n") >= 0 || value[0] == ' ' || value[^1] == ' ';
        return needsQuotes ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    /// <summary>Free text from people: neutralised if a spreadsheet would read it as a formula.</summary>
    public static string? Text(string? value) =>
        value is { Length: > 0 } && "=+-@\t\r".Contains(value[0], StringComparison.Ordinal) ? "'" + value : value;

    public static string Instant(DateTimeOffset? value) =>
        value?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? string.Empty;

    public static string Number(decimal? value) => value?.ToString("0.##", CultureInfo.InvariantCulture) ?? string.Empty;

    public static string Number(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;

    /// <summary>Writes the export as UTF-8 (with a byte-order mark, so spreadsheets read accents right), flushing every few hundred rows.</summary>
    public static async Task WriteAsync(Export export, Stream output, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 16 * 1024, leaveOpen: true);
        await writer.WriteAsync(Line(export.Header));
        var count = 0;
        await foreach (var row in export.Rows.WithCancellation(cancellationToken))
        {
            await writer.WriteAsync(Line(row));
            if (++count % 500 == 0)
            {
                await writer.FlushAsync(cancellationToken);
            }
        }

        await writer.FlushAsync(cancellationToken);
    }
}
