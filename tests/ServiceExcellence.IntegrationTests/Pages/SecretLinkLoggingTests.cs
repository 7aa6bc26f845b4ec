using Serilog.Events;
using Serilog.Parsing;
using ServiceExcellence.Web.Infrastructure;

namespace ServiceExcellence.IntegrationTests.Pages;

/// <summary>Request logs name the route of a secret link, never its token.</summary>
public sealed class SecretLinkLoggingTests
{
    [Theory]
    [InlineData("/r/AbC-_123", "/r/{token}")]
    [InlineData("/r/AbC-_123/thanks", "/r/{token}/thanks")]
    [InlineData("/u/xyz/one-click", "/u/{token}/one-click")]
    [InlineData("/g/xyz", "/g/{token}")]
    [InlineData("/Alerts/Details/1", "/Alerts/Details/1")]
    [InlineData("/", "/")]
    public void Secret_tokens_are_removed_from_logged_paths(string path, string logged) =>
        Assert.Equal(logged, SecretLinks.Redact(path));

    [Fact]
    public void Every_text_of_a_log_event_loses_its_tokens_also_in_full_addresses_and_scopes()
    {
        const string Token = "qmrNXOvwy-E3Jg9ECc4zMMxjhvWjB3mI53kuqHz-IKY";
        var logEvent = new LogEvent(
            DateTimeOffset.UtcNow, LogEventLevel.Information, null, new MessageTemplateParser().Parse("Request {RequestPath} from {Referer}"),
            [
                new LogEventProperty("RequestPath", new ScalarValue($"/r/{Token}/thanks")),
                new LogEventProperty("Referer", new ScalarValue($"https://feedback.example.com/u/{Token}?x=1")),
                new LogEventProperty("Unrelated", new ScalarValue("/Alerts/Details/01A2293C-28B1-7D7C-8D50-10053AC9F948")),
            ]);

        new SecretLinkRedactor().Enrich(logEvent, null!);

        var rendered = logEvent.RenderMessage(null);
        Assert.DoesNotContain(Token, rendered, StringComparison.Ordinal);
        Assert.Equal("Request \"/r/{token}/thanks\" from \"https://feedback.example.com/u/{token}?x=1\"", rendered);
        Assert.Equal("/Alerts/Details/01A2293C-28B1-7D7C-8D50-10053AC9F948", ((ScalarValue)logEvent.Properties["Unrelated"]).Value);
    }
}
