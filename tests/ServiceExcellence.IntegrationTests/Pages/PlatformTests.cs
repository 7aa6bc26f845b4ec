using System.Net;
using ServiceExcellence.IntegrationTests.Support;

namespace ServiceExcellence.IntegrationTests.Pages;

public sealed class PlatformTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_checks_answer_without_sign_in(string url)
    {
        using var session = _app.NewSession();

        var response = await session.Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Every_response_carries_the_security_headers()
    {
        using var session = _app.NewSession();

        var response = await session.Client.GetAsync("/Account/Login");

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("base-uri 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task Cookies_are_host_only_secure_and_http_only()
    {
        using var session = _app.NewSession();

        var response = await session.Client.GetAsync("/Account/Login");

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.Contains("Antiforgery", StringComparison.Ordinal));
        Assert.StartsWith("__Host-", cookie, StringComparison.Ordinal);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_unknown_page_shows_the_friendly_not_found_page()
    {
        using var session = await _app.SignInAsync(ServiceExcellence.Domain.People.StaffRole.TeamMember);

        var response = await session.Client.GetAsync("/Account/NoSuchPage");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await StaffSession.ParseAsync(response);
        Assert.Equal("Page not found", page.QuerySelector("h1")!.TextContent);
    }
}
