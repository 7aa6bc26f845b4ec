using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Domain.People;
using ServiceExcellence.IntegrationTests.Support;

namespace ServiceExcellence.IntegrationTests.Pages;

public sealed class ClientsTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();
    private TestData _data = default!;

    public async ValueTask InitializeAsync() => _data = await TestData.SeedAsync(_app);

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task An_administrator_adds_a_client_and_finds_it_in_the_list()
    {
        using var admin = await _app.SignInAsync(StaffRole.Administrator);

        var response = await admin.PostFormAsync("/Admin/Clients/Edit", new()
        {
            ["Input.Name"] = "Contoso Pharmaceuticals",
            ["Input.ExternalId"] = "CRM-77",
            ["Input.Segment"] = "Mid-market",
            ["Input.AnnualRevenue"] = "480000",
            ["Input.ClientTeamId"] = _data.ClientTeam.Id.ToString(),
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var details = await admin.GetPageAsync(response.Headers.Location!.ToString());
        Assert.Equal("Contoso Pharmaceuticals", details.QuerySelector("h1")!.TextContent);
        var list = await admin.GetPageAsync("/Admin/Clients?search=Contoso");
        Assert.Contains("CRM-77", list.QuerySelector("table")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_without_a_name_or_team_is_refused_with_messages_next_to_the_fields()
    {
        using var admin = await _app.SignInAsync(StaffRole.Administrator);

        var response = await admin.PostFormAsync("/Admin/Clients/Edit", new()
        {
            ["Input.Name"] = "  ",
            ["Input.AnnualRevenue"] = "-5",
            ["Input.ClientTeamId"] = string.Empty,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await StaffSession.ParseAsync(response);
        Assert.Equal("Enter the client's name.", StaffSession.FieldError(page, "Input.Name"));
        Assert.Equal("Annual revenue cannot be negative.", StaffSession.FieldError(page, "Input.AnnualRevenue"));
        Assert.Equal("Choose the client team that owns this client.", StaffSession.FieldError(page, "Input.ClientTeamId"));
        Assert.Equal(1, await _app.QueryAsync(db => db.Clients.CountAsync()));
    }

    [Fact]
    public async Task A_client_cannot_be_owned_by_an_operations_team()
    {
        using var admin = await _app.SignInAsync(StaffRole.Administrator);

        var response = await admin.PostFormAsync("/Admin/Clients/Edit", new()
        {
            ["Input.Name"] = "Fabrikam",
            ["Input.AnnualRevenue"] = "1000",
            ["Input.ClientTeamId"] = _data.Operations.Id.ToString(),
        });

        var page = await StaffSession.ParseAsync(response);
        Assert.Equal("Choose one of the client teams.", StaffSession.FieldError(page, "Input.ClientTeamId"));
    }

    [Fact]
    public async Task Unreadable_numbers_are_refused_with_a_message_and_no_error_page()
    {
        using var admin = await _app.SignInAsync(StaffRole.Administrator);

        var response = await admin.PostFormAsync("/Admin/Clients/Edit", new()
        {
            ["Input.Name"] = "Fabrikam",
            ["Input.AnnualRevenue"] = "a lot",
            ["Input.ClientTeamId"] = "not-a-guid",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await StaffSession.ParseAsync(response);
        Assert.NotNull(StaffSession.FieldError(page, "Input.AnnualRevenue"));
        Assert.Equal(1, await _app.QueryAsync(db => db.Clients.CountAsync()));
    }

    [Fact]
    public async Task Two_people_saving_the_same_client_get_a_conflict_not_a_silent_overwrite()
    {
        using var first = await _app.SignInAsync(StaffRole.Administrator);
        using var second = await _app.SignInAsync(StaffRole.Administrator);
        var url = $"/Admin/Clients/Edit/{_data.Northwind.Id}";
        var secondForm = await second.GetPageAsync(url);
        var staleVersion = secondForm.QuerySelector("input[name='Input.Version']")!.GetAttribute("value")!;

        var saved = await first.PostFormAsync(url, new() { ["Input.Name"] = "Northwind Traders Ltd" });
        var conflicting = await second.PostFormAsync(url, new() { ["Input.Name"] = "Northwind Group", ["Input.Version"] = staleVersion });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, conflicting.StatusCode);
        var page = await StaffSession.ParseAsync(conflicting);
        Assert.Contains("Someone else changed this record", page.QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Northwind Traders Ltd", await _app.QueryAsync(db => db.Clients.Select(c => c.Name).SingleAsync()));
    }

    [Fact]
    public async Task An_administrator_adds_a_contact_to_a_client()
    {
        using var admin = await _app.SignInAsync(StaffRole.Administrator);

        var response = await admin.PostFormAsync($"/Admin/Clients/Contact/{_data.Northwind.Id}", new()
        {
            ["Input.Name"] = "Ben Becker",
            ["Input.Email"] = "Ben@Northwind.example",
            ["Input.Language"] = "de",
        });

        Assert.True(response.StatusCode == HttpStatusCode.Redirect, (await StaffSession.ParseAsync(response)).QuerySelector("main")?.TextContent);
        var details = await admin.GetPageAsync($"/Admin/Clients/Details/{_data.Northwind.Id}");
        Assert.Contains("ben@northwind.example", details.QuerySelector("table")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_contact_with_the_same_email_is_refused()
    {
        using var admin = await _app.SignInAsync(StaffRole.Administrator);

        var response = await admin.PostFormAsync($"/Admin/Clients/Contact/{_data.Northwind.Id}", new()
        {
            ["Input.Name"] = "Anna again",
            ["Input.Email"] = "ANNA@northwind.example",
        });

        var page = await StaffSession.ParseAsync(response);
        Assert.Equal("This client already has a contact with this email.", StaffSession.FieldError(page, "Input.Email"));
    }

    [Theory]
    [InlineData(StaffRole.TeamMember)]
    [InlineData(StaffRole.Manager)]
    [InlineData(StaffRole.President)]
    public async Task Administration_is_forbidden_to_everyone_but_administrators(StaffRole role)
    {
        using var session = await _app.SignInAsync(role);

        var response = await session.Client.GetAsync("/Admin/Clients");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("https://localhost/Account/AccessDenied", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        var denied = await session.GetPageAsync(response.Headers.Location!.ToString(), HttpStatusCode.Forbidden);
        Assert.Contains("do not have access", denied.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_client_id_shows_the_not_found_page()
    {
        using var admin = await _app.SignInAsync(StaffRole.Administrator);

        var page = await admin.GetPageAsync($"/Admin/Clients/Details/{Guid.NewGuid()}", HttpStatusCode.NotFound);

        Assert.Equal("Page not found", page.QuerySelector("h1")!.TextContent);
    }
}
