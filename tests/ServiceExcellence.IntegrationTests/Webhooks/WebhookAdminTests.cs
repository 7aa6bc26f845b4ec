using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Domain.People;
using ServiceExcellence.Domain.Webhooks;
using ServiceExcellence.IntegrationTests.Support;

namespace ServiceExcellence.IntegrationTests.Webhooks;

/// <summary>Registering endpoints: administrators only, and only addresses outside the app's own network.</summary>
public sealed class WebhookAdminTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Theory]
    [InlineData(StaffRole.TeamMember)]
    [InlineData(StaffRole.Manager)]
    [InlineData(StaffRole.President)]
    public async Task Webhook_pages_are_for_administrators_only(StaffRole role)
    {
        using var admin = await _app.SignInAsync(StaffRole.Administrator);
        var (id, _) = await WebhookKit.RegisterAsync(admin, "CRM", "https://93.184.215.14/hooks", true, WebhookEventTypes.AlertRaised);
        using var session = await _app.SignInAsync(role);

        var secret = await _app.QueryAsync(db => db.WebhookEndpoints.Select(e => e.ProtectedSecret).SingleAsync());
        foreach (var url in new[] { "/Admin/Webhooks", "/Admin/Webhooks/Edit", $"/Admin/Webhooks/Edit/{id}", $"/Admin/Webhooks/Details/{id}" })
        {
            var response = await session.Client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("https://localhost/Account/AccessDenied", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        }

        var token = (await session.GetPageAsync("/")).QuerySelector("input[name='__RequestVerificationToken']")?.GetAttribute("value") ?? string.Empty;
        var rotate = await session.Client.PostAsync($"/Admin/Webhooks/Details/{id}?handler=Rotate",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.StartsWith("https://localhost/Account/AccessDenied", rotate.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(secret, await _app.QueryAsync(db => db.WebhookEndpoints.Select(e => e.ProtectedSecret).SingleAsync()));
        using var anonymous = _app.NewSession();
        var signIn = await anonymous.Client.GetAsync("/Admin/Webhooks");
        Assert.StartsWith("https://localhost/Account/Login", signIn.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Addresses_that_are_not_public_https_get_a_message_beside_the_field_and_nothing_is_stored()
    {
        using var admin = await _app.SignInAsync(StaffRole.Administrator);
        var cases = new Dictionary<string, string>
        {
            ["not an address"] = "Enter a full https:// address",
            ["ftp://files.example.com/drop"] = "Enter a full https:// address",
            ["http://93.184.215.14/hooks"] = "Use an https:// address",
            ["http://127.0.0.1:5000/hooks"] = "Use an https:// address",
            ["https://user:secret@93.184.215.14/hooks"] = "Leave the user name and password out",
            ["https://127.0.0.1/hooks"] = "loopback, private or link-local",
            ["https://localhost/hooks"] = "loopback, private or link-local",
            ["https://10.20.30.40/hooks"] = "loopback, private or link-local",
            ["https://192.168.1.10/hooks"] = "loopback, private or link-local",
            ["https://169.254.169.254/latest/meta-data"] = "loopback, private or link-local",
            ["https://[::1]/hooks"] = "loopback, private or link-local",
            ["https://[fd00::1]/hooks"] = "loopback, private or link-local",
        };

        foreach (var (url, message) in cases)
        {
            var response = await admin.PostFormAsync("/Admin/Webhooks/Edit", new() { ["Input.Name"] = "CRM", ["Input.Url"] = url });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await StaffSession.ParseAsync(response);
            Assert.True(StaffSession.FieldError(page, "Input.Url")?.Contains(message, StringComparison.Ordinal) == true, $"{url}: {StaffSession.FieldError(page, "Input.Url")}");
            Assert.Null(page.QuerySelector("#signing-secret"));
        }

        var noEvents = await StaffSession.ParseAsync(await admin.PostFormAsync("/Admin/Webhooks/Edit", new()
        {
            ["Input.Name"] = "",
            ["Input.Url"] = "https://93.184.215.14/hooks",
            ["Input.AlertRaised"] = "false",
            ["Input.GuaranteeInvoked"] = "false",
        }));
        Assert.Equal("Choose at least one event.", StaffSession.FieldError(noEvents, "Input.AlertRaised"));
        Assert.NotNull(StaffSession.FieldError(noEvents, "Input.Name"));
        Assert.Equal(0, await _app.QueryAsync(db => db.WebhookEndpoints.CountAsync()));
    }

    [Fact]
    public async Task An_administrator_edits_an_endpoint_and_the_list_shows_it()
    {
        using var admin = await _app.SignInAsync(StaffRole.Administrator);
        var index = await admin.GetPageAsync("/Admin/Webhooks");
        Assert.Contains("No endpoints yet", index.QuerySelector(".empty-state")!.TextContent, StringComparison.Ordinal);
        var (id, _) = await WebhookKit.RegisterAsync(admin, "CRM", "https://93.184.215.14/hooks", true, WebhookEventTypes.AlertRaised);

        var saved = await admin.PostFormAsync($"/Admin/Webhooks/Edit/{id}", new()
        {
            ["Input.Name"] = "CRM (production)",
            ["Input.AlertResolved"] = "true",
            ["Input.IsActive"] = "false",
        });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var endpoint = await _app.QueryAsync(db => db.WebhookEndpoints.SingleAsync());
        Assert.Equal(("CRM (production)", "alert.raised alert.resolved", false), (endpoint.Name, endpoint.EventTypes, endpoint.IsActive));
        var row = (await admin.GetPageAsync("/Admin/Webhooks")).QuerySelector($"tr[data-id='{id}']")!;
        Assert.Contains("Inactive", row.TextContent, StringComparison.Ordinal);
        var details = await admin.GetPageAsync($"/Admin/Webhooks/Details/{id}");
        Assert.NotNull(details.QuerySelector("#test-form button[disabled]"));
    }
}
