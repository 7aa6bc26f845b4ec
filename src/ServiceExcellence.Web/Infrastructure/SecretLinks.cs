using System.Text.RegularExpressions;
using Serilog.Core;
using Serilog.Events;

namespace ServiceExcellence.Web.Infrastructure;

/// <summary>Survey, unsubscribe and guarantee links carry a secret token; logs show the route, never the token.</summary>
public static partial class SecretLinks
{
    public static string Redact(string path) => TokenPath().Replace(path, "/$1/{token}");

    /// <summary>Replaces a secret link's token wherever it appears in a text (a full address, a path in a sentence).</summary>
    public static string RedactText(string text) =>
        text.Contains('/', StringComparison.Ordinal) ? TokenAnywhere().Replace(text, "/$1/{token}") : text;

    [GeneratedRegex("^/(r|u|g)/[^/?]+", RegexOptions.CultureInvariant)]
    private static partial Regex TokenPath();

    // Tokens are 43 base64url characters; shorter segments are ordinary addresses.
    [GeneratedRegex("/(r|u|g)/[A-Za-z0-9_-]{20,}", RegexOptions.CultureInvariant)]
    private static partial Regex TokenAnywhere();
}

/// <summary>
/// Removes secret link tokens from every text property of every log event — including the request path that
/// ASP.NET Core's hosting scope adds to each event of a request, which JSON logs write out in full.
/// </summary>
public sealed class SecretLinkRedactor : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        List<LogEventProperty>? redacted = null;
        foreach (var (name, value) in logEvent.Properties)
        {
            if (value is ScalarValue { Value: string text } && SecretLinks.RedactText(text) is var clean && clean != text)
            {
                (redacted ??= []).Add(new LogEventProperty(name, new ScalarValue(clean)));
            }
        }

        foreach (var property in redacted ?? [])
        {
            logEvent.AddOrUpdateProperty(property);
        }
    }
}
