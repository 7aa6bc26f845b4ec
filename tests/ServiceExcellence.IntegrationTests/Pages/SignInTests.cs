using System.Net;
using ServiceExcellence.Domain.People;
using ServiceExcellence.IntegrationTests.Support;

namespace ServiceExcellence.IntegrationTests.Pages;

public sealed class SignInTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Every_staff_page_sends_an_anonymous_visitor_to_sign_in()
    {
        using var session = _app.NewSession();

        foreach (var url in new[] { "/", "/Admin/Clients", "/Transactions" })
        {
            var response = await session.Client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("https://localhost/Account/Login", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_wrong_password_shows_a_message_and_signs_nobody_in()
    {
        var person = await _app.CreatePersonAsync(StaffRole.TeamMember);
        using var session = _app.NewSession();

        var response = await session.PostFormAsync("/Account/Login", new() { ["Input.Email"] = person.Email, ["Input.Password"] = "not-the-password" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await StaffSession.ParseAsync(response);
        Assert.Contains("email or password is not correct", page.QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await session.Client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Five_failed_attempts_lock_the_account_even_against_the_right_password()
    {
        var person = await _app.CreatePersonAsync(StaffRole.TeamMember);
        using var session = _app.NewSession();
        for (var i = 0; i < 5; i++)
        {
            await session.PostFormAsync("/Account/Login", new() { ["Input.Email"] = person.Email, ["Input.Password"] = "wrong-" + i });
        }

        var response = await session.PostFormAsync("/Account/Login", new() { ["Input.Email"] = person.Email, ["Input.Password"] = AppFactory.Password });

        var page = await StaffSession.ParseAsync(response);
        Assert.Contains("Too many failed attempts", page.QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_in_shows_the_overview_with_the_persons_name()
    {
        var person = await _app.CreatePersonAsync(StaffRole.Manager);
        using var session = _app.NewSession();
        await session.SignInAsync(person.Email, AppFactory.Password);

        var page = await session.GetPageAsync("/");

        Assert.Contains(person.DisplayName, page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_out_from_the_navigation_ends_the_session()
    {
        using var session = await _app.SignInAsync(StaffRole.TeamMember);

        var response = await session.PostFormAsync("/", [], "header form");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await session.Client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task The_sign_in_form_is_refused_without_its_antiforgery_token()
    {
        var person = await _app.CreatePersonAsync(StaffRole.TeamMember);
        using var session = _app.NewSession();

        var response = await session.Client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = person.Email,
            ["Input.Password"] = AppFactory.Password,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
