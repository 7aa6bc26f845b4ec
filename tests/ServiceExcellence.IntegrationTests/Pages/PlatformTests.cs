using System.Net;
using System.Text.Json;
using ServiceExcellence.Domain.Email;
using ServiceExcellence.IntegrationTests.Support;

namespace ServiceExcellence.IntegrationTests.Pages;

public sealed class PlatformTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Liveness_answers_without_sign_in()
    {
        using var session = _app.NewSession();

        var response = await session.Client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Readiness_reports_the_database_and_the_email_backlog()
    {
        using var session = _app.NewSession();

        var healthy = await ReadinessAsync(session);
        Assert.Equal("Healthy", healthy.GetProperty("status").GetString());
        var outbox = healthy.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "email-outbox");
        Assert.Equal(0, outbox.GetProperty("data").GetProperty("due").GetInt32());
        Assert.Contains(healthy.GetProperty("checks").EnumerateArray(), c => c.GetProperty("name").GetString() == "database");
        Assert.Contains(healthy.GetProperty("checks").EnumerateArray(), c => c.GetProperty("name").GetString() == "webhook-deliveries");

        // An email due for 20 minutes that nobody sent: the instance still serves (200), the backlog shows.
        await _app.ExecuteAsync(db =>
        {
            db.OutboxMessages.Add(new OutboxMessage("test", "anna@northwind.example", "Anna", "Hello", "text", "<p>html</p>", _app.Clock.GetUtcNow().AddMinutes(-20)));
            return Task.CompletedTask;
        });
        var degraded = await ReadinessAsync(session);
        Assert.Equal("Degraded", degraded.GetProperty("status").GetString());
        outbox = degraded.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "email-outbox");
        Assert.Equal(1, outbox.GetProperty("data").GetProperty("due").GetInt32());
        Assert.Equal(1200, outbox.GetProperty("data").GetProperty("oldestDueSeconds").GetInt64());
    }

    private static async Task<JsonElement> ReadinessAsync(StaffSession session)
    {
        var response = await session.Client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    [Fact]
    public async Task Every_response_names_its_correlation_id_which_the_error_answer_repeats()
    {
        using var session = _app.NewSession();
        const string TraceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        using var request = new HttpRequestMessage(HttpMethod.Get, "/Account/Login");
        request.Headers.Add("traceparent", $"00-{TraceId}-00f067aa0ba902b7-01");

        var response = await session.Client.SendAsync(request);

        Assert.Equal(TraceId, response.Headers.GetValues("X-Correlation-Id").Single());
        var other = await session.Client.GetAsync("/Account/Login");
        var id = other.Headers.GetValues("X-Correlation-Id").Single();
        Assert.Matches("^[0-9a-f]{32}$", id);
        Assert.NotEqual(TraceId, id);
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
