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
}
