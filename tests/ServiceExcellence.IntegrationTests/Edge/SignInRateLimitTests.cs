using System.Net;
using ServiceExcellence.Domain.People;
using ServiceExcellence.IntegrationTests.Support;

namespace ServiceExcellence.IntegrationTests.Edge;

public sealed class SignInRateLimitTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();

    public SignInRateLimitTests() => _app.Settings.Remove("RateLimits:SignInPerMinute"); // the default: 10 a minute

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task The_eleventh_sign_in_attempt_in_a_minute_from_one_address_gets_a_readable_429_while_another_address_signs_in()
    {
        var person = await _app.CreatePersonAsync(StaffRole.TeamMember);
        using var guesser = new StaffSession(ClientAddresses.From(_app.NewSession().Client, "192.0.2.1"));
        using var colleague = new StaffSession(ClientAddresses.From(_app.NewSession().Client, "192.0.2.2"));
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            statuses.Add((await guesser.PostFormAsync("/Account/Login", new() { ["Input.Email"] = $"guess{i}@staff.example", ["Input.Password"] = "wrong-" + i })).StatusCode);
        }

        var refused = await guesser.PostFormAsync("/Account/Login", new() { ["Input.Email"] = person.Email, ["Input.Password"] = AppFactory.Password });

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var page = await StaffSession.ParseAsync(refused);
        Assert.Equal("Too many requests", page.QuerySelector("h1")?.TextContent.Trim());
        Assert.Contains("wait a minute", page.QuerySelector("main")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await guesser.Client.GetAsync("/")).StatusCode);

        await guesser.GetPageAsync("/Account/Login");
        await colleague.SignInAsync(person.Email, AppFactory.Password);
        Assert.Equal(HttpStatusCode.OK, (await colleague.Client.GetAsync("/")).StatusCode);
    }
}
