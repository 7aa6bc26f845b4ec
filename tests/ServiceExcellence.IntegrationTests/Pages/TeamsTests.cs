using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Domain.People;
using ServiceExcellence.Domain.Teams;
using ServiceExcellence.IntegrationTests.Support;

namespace ServiceExcellence.IntegrationTests.Pages;

public sealed class TeamsTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();
    private TestData _data = default!;

    public async ValueTask InitializeAsync() => _data = await TestData.SeedAsync(_app);

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task An_administrator_adds_a_team_whose_manager_becomes_a_member()
    {
        using var admin = await _app.SignInAsync(StaffRole.Administrator);
        var manager = await _app.CreatePersonAsync(StaffRole.Manager);

        var response = await admin.PostFormAsync("/Admin/Teams/Edit", new()
        {
            ["Input.Name"] = "Order Operations",
            ["Input.Kind"] = nameof(TeamKind.Operations),
            ["Input.ManagerId"] = manager.Id.ToString(),
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var details = await admin.GetPageAsync(response.Headers.Location!.ToString());
        Assert.Equal("Order Operations", details.QuerySelector("h1")!.TextContent);
        Assert.Equal("Team Order Operations added.", details.QuerySelector(".alert-success")!.TextContent);
        Assert.Contains(manager.DisplayName, details.QuerySelector("table")!.TextContent, StringComparison.Ordinal);
        var row = (await admin.GetPageAsync("/Admin/Teams?search=Order")).QuerySelector("tbody tr")!.TextContent;
        Assert.Contains("Operations", row, StringComparison.Ordinal);
        Assert.Contains(manager.DisplayName, row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_administrator_renames_a_team_and_appoints_another_manager()
    {
        using var admin = await _app.SignInAsync(StaffRole.Administrator);
        var manager = await _app.CreatePersonAsync(StaffRole.Manager);

        var response = await admin.PostFormAsync($"/Admin/Teams/Edit/{_data.Operations.Id}", new()
        {
            ["Input.Name"] = "Field Service & Repair",
            ["Input.ManagerId"] = manager.Id.ToString(),
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var team = await _app.QueryAsync(db => db.Teams.Include(t => t.Members).SingleAsync(t => t.Id == _data.Operations.Id));
        Assert.Equal("Field Service & Repair", team.Name);
        Assert.Equal(TeamKind.Operations, team.Kind);
        Assert.Equal(manager.Id, team.ManagerId);
        Assert.True(team.HasMember(manager.Id));
    }

    [Fact]
    public async Task A_team_without_a_name_or_kind_is_refused_with_messages_next_to_the_fields()
    {
        using var admin = await _app.SignInAsync(StaffRole.Administrator);

        var response = await admin.PostFormAsync("/Admin/Teams/Edit", new()
        {
            ["Input.Name"] = " ",
            ["Input.Kind"] = string.Empty,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await StaffSession.ParseAsync(response);
        Assert.Equal("Enter the team's name.", StaffSession.FieldError(page, "Input.Name"));
        Assert.Equal("Choose the kind of team.", StaffSession.FieldError(page, "Input.Kind"));
        Assert.Equal(3, await _app.QueryAsync(db => db.Teams.CountAsync()));
    }

    [Fact]
    public async Task Team_names_are_unique_whatever_their_case()
    {
        using var admin = await _app.SignInAsync(StaffRole.Administrator);

        var response = await admin.PostFormAsync("/Admin/Teams/Edit", new()
        {
            ["Input.Name"] = "field service",
            ["Input.Kind"] = nameof(TeamKind.Operations),
        });

        var page = await StaffSession.ParseAsync(response);
        Assert.Equal("Another team already has this name.", StaffSession.FieldError(page, "Input.Name"));
        Assert.Equal(3, await _app.QueryAsync(db => db.Teams.CountAsync()));
    }

    [Fact]
    public async Task The_manager_must_be_an_active_person()
    {
        using var admin = await _app.SignInAsync(StaffRole.Administrator);
        var departed = await _app.CreatePersonAsync(StaffRole.Manager);
        await _app.ExecuteAsync(async db => (await db.People.SingleAsync(p => p.Id == departed.Id)).Update(departed.DisplayName, StaffRole.Manager, isActive: false));

        var response = await admin.PostFormAsync("/Admin/Teams/Edit", new()
        {
            ["Input.Name"] = "Night Shift",
            ["Input.Kind"] = nameof(TeamKind.Operations),
            ["Input.ManagerId"] = departed.Id.ToString(),
        });

        var page = await StaffSession.ParseAsync(response);
        Assert.Equal("Choose an active person as the manager.", StaffSession.FieldError(page, "Input.ManagerId"));
        Assert.False(await _app.QueryAsync(db => db.Teams.AnyAsync(t => t.Name == "Night Shift")));
    }

    [Fact]
    public async Task Saving_a_team_keeps_a_manager_who_was_deactivated_since()
    {
        using var admin = await _app.SignInAsync(StaffRole.Administrator);
        var manager = await _app.CreatePersonAsync(StaffRole.Manager);
        await _app.ExecuteAsync(async db =>
        {
            (await db.Teams.Include(t => t.Members).SingleAsync(t => t.Id == _data.Operations.Id)).AppointManager(manager.Id);
            (await db.People.SingleAsync(p => p.Id == manager.Id)).Update(manager.DisplayName, StaffRole.Manager, isActive: false);
        });
        var form = await admin.GetPageAsync($"/Admin/Teams/Edit/{_data.Operations.Id}");

        var response = await admin.PostFormAsync($"/Admin/Teams/Edit/{_data.Operations.Id}", new() { ["Input.Name"] = "Field Service East" });

        Assert.Equal($"{manager.DisplayName} (deactivated)", form.QuerySelector("select[name='Input.ManagerId'] option:checked")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(manager.Id, await _app.QueryAsync(db => db.Teams.Where(t => t.Id == _data.Operations.Id).Select(t => t.ManagerId).SingleAsync()));
    }

    [Fact]
    public async Task A_client_team_that_owns_clients_cannot_change_its_kind()
    {
        using var admin = await _app.SignInAsync(StaffRole.Administrator);

        var response = await admin.PostFormAsync($"/Admin/Teams/Edit/{_data.ClientTeam.Id}", new()
        {
            ["Input.Kind"] = nameof(TeamKind.Operations),
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await StaffSession.ParseAsync(response);
        Assert.Equal(
            "This team owns 1 client: move them to another client team before changing its kind.",
            StaffSession.FieldError(page, "Input.Kind"));
        Assert.Equal(TeamKind.Client, await _app.QueryAsync(db => db.Teams.Where(t => t.Id == _data.ClientTeam.Id).Select(t => t.Kind).SingleAsync()));
    }

    [Fact]
    public async Task An_operations_team_that_owns_service_lines_cannot_change_its_kind()
    {
        using var admin = await _app.SignInAsync(StaffRole.Administrator);

        var response = await admin.PostFormAsync($"/Admin/Teams/Edit/{_data.Operations.Id}", new()
        {
            ["Input.Kind"] = nameof(TeamKind.KeySuccess),
        });

        var page = await StaffSession.ParseAsync(response);
        Assert.Equal(
            "This team owns 1 service line: give them to another operations team before changing its kind.",
            StaffSession.FieldError(page, "Input.Kind"));
        Assert.Equal(TeamKind.Operations, await _app.QueryAsync(db => db.Teams.Where(t => t.Id == _data.Operations.Id).Select(t => t.Kind).SingleAsync()));
    }

    [Fact]
    public async Task A_team_that_owns_nothing_can_change_its_kind()
    {
        using var admin = await _app.SignInAsync(StaffRole.Administrator);

        var response = await admin.PostFormAsync($"/Admin/Teams/Edit/{_data.KeySuccess.Id}", new()
        {
            ["Input.Kind"] = nameof(TeamKind.Operations),
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(TeamKind.Operations, await _app.QueryAsync(db => db.Teams.Where(t => t.Id == _data.KeySuccess.Id).Select(t => t.Kind).SingleAsync()));
    }

    [Fact]
    public async Task An_administrator_adds_and_removes_members_on_the_team_page()
    {
        using var admin = await _app.SignInAsync(StaffRole.Administrator);
        var technician = await _app.CreatePersonAsync(StaffRole.TeamMember);
        var url = $"/Admin/Teams/Details/{_data.Operations.Id}";

        var added = await admin.PostFormAsync(url, new() { ["Input.PersonId"] = technician.Id.ToString() }, "#add-member");

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var page = await admin.GetPageAsync(url);
        Assert.Equal("Member added to the team.", page.QuerySelector(".alert-success")!.TextContent);
        Assert.Contains(technician.DisplayName, page.QuerySelector("table")!.TextContent, StringComparison.Ordinal);
        Assert.True(await IsMemberAsync(_data.Operations.Id, technician.Id));

        var removed = await admin.PostFormAsync(url, [], $"#remove-{technician.Id}");

        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.False(await IsMemberAsync(_data.Operations.Id, technician.Id));
        Assert.Equal("No members yet. Add the people who work this team's alerts.", (await admin.GetPageAsync(url)).QuerySelector(".empty-state p")!.TextContent);
    }

    [Fact]
    public async Task Adding_a_member_needs_a_person_chosen()
    {
        using var admin = await _app.SignInAsync(StaffRole.Administrator);

        var response = await admin.PostFormAsync($"/Admin/Teams/Details/{_data.Operations.Id}", new() { ["Input.PersonId"] = string.Empty }, "#add-member");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await StaffSession.ParseAsync(response);
        Assert.Equal("Choose the person to add.", StaffSession.FieldError(page, "Input.PersonId"));
        Assert.Equal(0, await _app.QueryAsync(db => db.TeamMemberships.CountAsync()));
    }

    [Fact]
    public async Task The_manager_cannot_be_removed_from_the_team()
    {
        using var admin = await _app.SignInAsync(StaffRole.Administrator);
        var manager = await _app.CreatePersonAsync(StaffRole.Manager);
        var appointed = await admin.PostFormAsync($"/Admin/Teams/Edit/{_data.Operations.Id}", new() { ["Input.ManagerId"] = manager.Id.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, appointed.StatusCode);

        var response = await admin.PostFormAsync($"/Admin/Teams/Details/{_data.Operations.Id}", [], $"#remove-{manager.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await StaffSession.ParseAsync(response);
        Assert.Equal(
            "The manager cannot be removed from the team; appoint another manager first.",
            page.QuerySelector(".alert-danger")!.TextContent.Trim());
        Assert.True(await IsMemberAsync(_data.Operations.Id, manager.Id));
    }

    [Fact]
    public async Task The_team_page_shows_the_clients_or_service_lines_the_team_owns()
    {
        using var admin = await _app.SignInAsync(StaffRole.Administrator);

        var clientTeam = await admin.GetPageAsync($"/Admin/Teams/Details/{_data.ClientTeam.Id}");
        var operations = await admin.GetPageAsync($"/Admin/Teams/Details/{_data.Operations.Id}");

        Assert.Contains("Northwind Traders", clientTeam.QuerySelector(".list-group")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("REPAIR", operations.QuerySelector(".list-group")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Field repair", operations.QuerySelector(".list-group")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_teams_the_list_invites_the_first_one()
    {
        await using var empty = new AppFactory();
        using var admin = await empty.SignInAsync(StaffRole.Administrator);

        var page = await admin.GetPageAsync("/Admin/Teams");

        Assert.Null(page.QuerySelector("table"));
        Assert.StartsWith("No teams yet.", page.QuerySelector(".empty-state p")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("/Admin/Teams/Edit", page.QuerySelector(".empty-state a")!.GetAttribute("href"));
    }

    [Theory]
    [InlineData(StaffRole.TeamMember)]
    [InlineData(StaffRole.Manager)]
    [InlineData(StaffRole.President)]
    public async Task Team_administration_is_forbidden_to_everyone_but_administrators(StaffRole role)
    {
        using var session = await _app.SignInAsync(role);
        var manager = await _app.CreatePersonAsync(StaffRole.Manager);
        await _app.ExecuteAsync(async db => (await db.Teams.Include(t => t.Members).SingleAsync(t => t.Id == _data.Operations.Id)).AddMember(manager.Id));

        foreach (var url in new[] { "/Admin/Teams", "/Admin/Teams/Edit", $"/Admin/Teams/Edit/{_data.Operations.Id}", $"/Admin/Teams/Details/{_data.Operations.Id}" })
        {
            var response = await session.Client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("https://localhost/Account/AccessDenied", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        }

        var removal = await session.Client.PostAsync(
            $"/Admin/Teams/Details/{_data.Operations.Id}?handler=Remove",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["personId"] = manager.Id.ToString() }));
        Assert.StartsWith("https://localhost/Account/AccessDenied", removal.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.True(await IsMemberAsync(_data.Operations.Id, manager.Id));
    }

    [Fact]
    public async Task An_unknown_team_id_shows_the_not_found_page()
    {
        using var admin = await _app.SignInAsync(StaffRole.Administrator);

        await admin.GetPageAsync($"/Admin/Teams/Details/{Guid.NewGuid()}", HttpStatusCode.NotFound);
        await admin.GetPageAsync($"/Admin/Teams/Edit/{Guid.NewGuid()}", HttpStatusCode.NotFound);
    }

    private Task<bool> IsMemberAsync(Guid teamId, Guid personId) =>
        _app.QueryAsync(db => db.TeamMemberships.AnyAsync(m => m.TeamId == teamId && m.PersonId == personId));
}
