using System.Text;
using CsCheck;

namespace ServiceExcellence.Tests.Fuzz;

/// <summary>
/// Generators of the input a careless or hostile client sends: control characters and NUL, bidirectional
/// overrides, zero-width characters, lone surrogate halves, byte-order marks, separators and quotes, spreadsheet
/// formula prefixes, digits of other scripts, strings far past every column's length, and numbers at the edges.
/// Shared by the unit and integration fuzz tests. A failing property prints its seed; see README → Tests.
/// </summary>
public static class Hostile
{
    /// <summary>
    /// <paramref name="count"/> iterations, times <c>SE_FUZZ_SCALE</c> when set (e.g. 20 for a long session on
    /// one's own machine); the suite's defaults keep it to seconds.
    /// </summary>
    public static long Iterations(long count) =>
        long.TryParse(Environment.GetEnvironmentVariable("SE_FUZZ_SCALE"), out var scale) && scale > 0 ? count * scale : count;

    /// <summary>Characters that have broken parsers, validators, databases and HTML before.</summary>
    public const string NastyChars =
        "\0\u0001\u0007\b\t\n\v\f\r\u001b\u007f\u0085\u00a0\u1680\u2000\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
        + "\u2066\u2067\u2068\u2069\u2028\u2029\u3000\ufeff\ufffd\ufffe\uffff\ud800\udbff\udc00\udfff"
        + "\"'`\\,;|<>&=+-@%#{}[]:/.?* \u0660\u0663\u0966\uff11\u00e9\u00df\u0130\u0131\u03a3\u05d0\u0627\u4e2d\ud83d\ude00";

    public static readonly Gen<char> Characters = Gen.Frequency(
        (5, Gen.Char[' ', '~']),
        (4, Gen.Char[NastyChars]),
        (1, Gen.Char));

    /// <summary>Values that mean something to some parser: empty, blanks, numbers at the edges, formulas, markup, SQL.</summary>
    public static readonly string[] Specials =
    [
        "", " ", "   ", "\t", "\r\n", "\0", "null", "NULL", "undefined", "true", "false", "NaN", "Infinity", "-Infinity",
        "0", "-0", "+0", "-1", "1e308", "-1e308", "1e-400", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
        "79228162514264337593543950335", "79228162514264337593543950336", "99999999999", "0x10", "1,000.00", "1.000,00", "١٢٣", "１２３",
        "=1+1", "+1", "-1+1", "@SUM(A1)", "=cmd|' /C calc'!A0", "\t=1", "<script>alert(1)</script>", "' OR 1=1 --", "'); DROP TABLE Transactions;--",
        "%s%n%x", "{0}", "${jndi:ldap://x}", "../../etc/passwd", "C:\\con\\aux", "\u202eGNP.exe", "a\u200bb", "\ufeffREF", "\ud800", "\udc00x\ud800",
        "2026-06-14T15:30:00+02:00", "0001-01-01T00:00:00Z", "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00", "2026-02-30T00:00:00Z",
        "2026-06-14T25:61:61Z", "2026-06-14T15:30:00+99:99", "२०२६-०६-१४T१५:३०:००Z", "2026-06-14", "2026-06-14T15:30:00",
        "a@b", "@", "a@", "@b", "a@@b", "a b@c.d", "\u00e9l\u00e8ve@\u00e9cole.fr", "x@\u202eevil.com",
    ];

    /// <summary>Short strings, mostly of the characters above, sometimes one of the special values.</summary>
    public static readonly Gen<string> ShortText = Gen.Frequency(
        (6, Gen.String[Characters, 0, 24]),
        (3, Gen.OneOf(Specials)),
        (1, Gen.Select(Gen.OneOf(Specials), Gen.String[Characters, 1, 6], (special, noise) => special + noise)));

    /// <summary>Any of the above, or a long run past every column's length (up to 5,000 characters).</summary>
    public static readonly Gen<string> Text = Gen.Frequency(
        (8, ShortText),
        (1, Gen.Select(Gen.Int[100, 5_000], Characters, (length, c) => new string(c, length))),
        (1, Gen.String[Characters, 100, 600]));

    public static readonly Gen<string?> NullableText = Text.Null(0.15);

    /// <summary>One megabyte of text: a field far past every limit.</summary>
    public static string Megabyte(char c = 'x') => new(c, 1 << 20);

    /// <summary>Bytes that are not UTF-8: lone continuation bytes, overlong forms, encoded surrogates, truncated sequences, 0xFE/0xFF.</summary>
    public static readonly byte[][] InvalidUtf8 =
    [
        [0x80], [0xBF], [0xC0, 0xAF], [0xC1, 0xBF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF],
        [0xF0, 0x82, 0x82, 0xAC], [0xF4, 0x90, 0x80, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xFE], [0xFF], [0xC3], [0xE2, 0x82],
        [0xF0, 0x9F, 0x98], [0xFF, 0xFE], [0xFE, 0xFF],
    ];

    /// <summary>UTF-8 text with an invalid sequence spliced in at a random place.</summary>
    public static readonly Gen<byte[]> Utf8WithInvalidBytes =
        Gen.Select(Text, Gen.OneOf(InvalidUtf8), Gen.Double[0, 1], (string text, byte[] bad, double at) =>
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            var cut = (int)(at * bytes.Length);
            return (byte[])[.. bytes[..cut], .. bad, .. bytes[cut..]];
        });

    /// <summary>The characters that can still be encoded as UTF-8 (lone surrogates become U+FFFD on the wire).</summary>
    public static string Encodable(string text) => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text));
}
