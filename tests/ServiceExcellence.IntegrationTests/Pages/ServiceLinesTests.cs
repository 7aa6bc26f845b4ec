using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Domain.People;
using ServiceExcellence.Domain.Teams;
using ServiceExcellence.IntegrationTests.Support;

namespace ServiceExcellence.IntegrationTests.Pages;

public sealed class ServiceLinesTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();
    private TestData _data = default!;

    public async ValueTask InitializeAsync() => _data = await TestData.SeedAsync(_app);

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task An_administrator_adds_a_service_line_and_its_code_is_stored_in_capitals()
    {
        using var admin = await _app.SignInAsync(StaffRole.Administrator);

        var response = await admin.PostFormAsync("/Admin/ServiceLines/Edit", new()
        {
            ["Input.Code"] = " install ",
            ["Input.Name"] = "Installation",
            ["Input.OwnerTeamId"] = _data.Operations.Id.ToString(),
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var list = await admin.GetPageAsync(response.Headers.Location!.ToString());
        Assert.Equal("Service line Installation added.", list.QuerySelector(".alert-success")!.TextContent);
        var row = list.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains("Installation", StringComparison.Ordinal));
        Assert.Contains("INSTALL", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Field Service", row.TextContent, StringComparison.Ordinal);
        Assert.True(await _app.QueryAsync(db => db.ServiceLines.AnyAsync(s => s.Code == "INSTALL")));
    }

    [Fact]
    public async Task An_administrator_edits_a_service_line_and_gives_it_to_another_operations_team()
    {
        using var admin = await _app.SignInAsync(StaffRole.Administrator);
        var depot = new Team("Repair Depot", TeamKind.Operations);
        await _app.ExecuteAsync(db =>
        {
            db.Teams.Add(depot);
            return Task.CompletedTask;
        });

        var response = await admin.PostFormAsync($"/Admin/ServiceLines/Edit/{_data.Repair.Id}", new()
        {
            ["Input.Code"] = "repair",
            ["Input.Name"] = "Depot repair",
            ["Input.OwnerTeamId"] = depot.Id.ToString(),
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var line = await _app.QueryAsync(db => db.ServiceLines.SingleAsync(s => s.Id == _data.Repair.Id));
        Assert.Equal(("REPAIR", "Depot repair", depot.Id), (line.Code, line.Name, line.OwnerTeamId));
    }

    [Theory]
    [InlineData(TeamKind.Client)]
    [InlineData(TeamKind.KeySuccess)]
    public async Task A_service_line_must_be_owned_by_an_operations_team(TeamKind kind)
    {
        using var admin = await _app.SignInAsync(StaffRole.Administrator);
        var owner = kind == TeamKind.Client ? _data.ClientTeam : _data.KeySuccess;

        var response = await admin.PostFormAsync("/Admin/ServiceLines/Edit", new()
        {
            ["Input.Code"] = "ORDER",
            ["Input.Name"] = "Order entry",
            ["Input.OwnerTeamId"] = owner.Id.ToString(),
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await StaffSession.ParseAsync(response);
        Assert.Equal(
            "A service line is owned by an operations team; choose one of the operations teams.",
            StaffSession.FieldError(page, "Input.OwnerTeamId"));
        Assert.Equal(1, await _app.QueryAsync(db => db.ServiceLines.CountAsync()));
    }

    [Fact]
    public async Task Service_line_codes_are_unique_whatever_their_case()
    {
        using var admin = await _app.SignInAsync(StaffRole.Administrator);

        var response = await admin.PostFormAsync("/Admin/ServiceLines/Edit", new()
        {
            ["Input.Code"] = "repair",
            ["Input.Name"] = "Repair again",
            ["Input.OwnerTeamId"] = _data.Operations.Id.ToString(),
        });

        var page = await StaffSession.ParseAsync(response);
        Assert.Equal("Another service line already has this code.", StaffSession.FieldError(page, "Input.Code"));
        Assert.Equal(1, await _app.QueryAsync(db => db.ServiceLines.CountAsync()));
    }

    [Fact]
    public async Task A_service_line_without_code_name_or_owner_is_refused_with_messages_next_to_the_fields()
    {
        using var admin = await _app.SignInAsync(StaffRole.Administrator);

        var response = await admin.PostFormAsync("/Admin/ServiceLines/Edit", new()
        {
            ["Input.Code"] = string.Empty,
            ["Input.Name"] = " ",
            ["Input.OwnerTeamId"] = string.Empty,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await StaffSession.ParseAsync(response);
        Assert.Equal("Enter a short code, such as REPAIR.", StaffSession.FieldError(page, "Input.Code"));
        Assert.Equal("Enter the service line's name.", StaffSession.FieldError(page, "Input.Name"));
        Assert.Equal("Choose the operations team that owns this service line.", StaffSession.FieldError(page, "Input.OwnerTeamId"));
        Assert.Equal(1, await _app.QueryAsync(db => db.ServiceLines.CountAsync()));
    }

    [Fact]
    public async Task A_code_with_spaces_inside_is_refused()
    {
        using var admin = await _app.SignInAsync(StaffRole.Administrator);

        var response = await admin.PostFormAsync("/Admin/ServiceLines/Edit", new()
        {
            ["Input.Code"] = "ORDER ENTRY",
            ["Input.Name"] = "Order entry",
            ["Input.OwnerTeamId"] = _data.Operations.Id.ToString(),
        });

        var page = await StaffSession.ParseAsync(response);
        Assert.Equal(
            "Use letters, digits, dots, dashes and underscores only, starting with a letter or digit.",
            StaffSession.FieldError(page, "Input.Code"));
    }

    [Fact]
    public async Task The_owner_list_offers_only_operations_teams()
    {
        using var admin = await _app.SignInAsync(StaffRole.Administrator);

        var page = await admin.GetPageAsync("/Admin/ServiceLines/Edit");

        var owners = page.QuerySelectorAll("select[name='Input.OwnerTeamId'] option").Select(o => o.TextContent).ToList();
        Assert.Equal(["Choose an operations team…", "Field Service"], owners);
    }

    [Fact]
    public async Task Without_service_lines_the_list_invites_the_first_one()
    {
        await using var empty = new AppFactory();
        using var admin = await empty.SignInAsync(StaffRole.Administrator);

        var page = await admin.GetPageAsync("/Admin/ServiceLines");

        Assert.Null(page.QuerySelector("table"));
        Assert.StartsWith("No service lines yet.", page.QuerySelector(".empty-state p")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("/Admin/ServiceLines/Edit", page.QuerySelector(".empty-state a")!.GetAttribute("href"));
    }

    [Theory]
    [InlineData(StaffRole.TeamMember)]
    [InlineData(StaffRole.Manager)]
    [InlineData(StaffRole.President)]
    public async Task Service_line_administration_is_forbidden_to_everyone_but_administrators(StaffRole role)
    {
        using var session = await _app.SignInAsync(role);

        foreach (var url in new[] { "/Admin/ServiceLines", "/Admin/ServiceLines/Edit", $"/Admin/ServiceLines/Edit/{_data.Repair.Id}" })
        {
            var response = await session.Client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("https://localhost/Account/AccessDenied", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_unknown_service_line_id_shows_the_not_found_page()
    {
        using var admin = await _app.SignInAsync(StaffRole.Administrator);

        await admin.GetPageAsync($"/Admin/ServiceLines/Edit/{Guid.NewGuid()}", HttpStatusCode.NotFound);
    }
}
