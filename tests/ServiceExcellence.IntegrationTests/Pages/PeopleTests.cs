using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Domain.People;
using ServiceExcellence.IntegrationTests.Support;

namespace ServiceExcellence.IntegrationTests.Pages;

public sealed class PeopleTests : IAsyncLifetime
{
    public const string InitialPassword = "Blue-Lantern-Harbour-41";

    private readonly AppFactory _app = new();
    private TestData _data = default!;

    public async ValueTask InitializeAsync() => _data = await TestData.SeedAsync(_app);

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Theory]
    [InlineData(StaffRole.TeamMember, HttpStatusCode.Redirect)]
    [InlineData(StaffRole.Administrator, HttpStatusCode.OK)]
    public async Task An_added_person_can_sign_in_with_the_initial_password_and_has_the_role(StaffRole role, HttpStatusCode administration)
    {
        using var admin = await _app.SignInAsync(StaffRole.Administrator);

        var response = await admin.PostFormAsync("/Admin/People/Create", new()
        {
            ["Input.Name"] = "Greta Horvat",
            ["Input.Email"] = " Greta.Horvat@Staff.example ",
            ["Input.Role"] = role.ToString(),
            ["Input.Password"] = InitialPassword,
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var list = await admin.GetPageAsync(response.Headers.Location!.ToString());
        Assert.StartsWith("Greta Horvat added.", list.QuerySelector(".alert-success")!.TextContent, StringComparison.Ordinal);
        var row = list.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains("Greta Horvat", StringComparison.Ordinal));
        Assert.Contains("greta.horvat@staff.example", row.TextContent, StringComparison.Ordinal);
        Assert.Contains(role.Describe(), row.TextContent, StringComparison.Ordinal);

        using var greta = _app.NewSession();
        await greta.SignInAsync("greta.horvat@staff.example", InitialPassword);
        Assert.Contains("Greta Horvat", (await greta.GetPageAsync("/")).QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(administration, (await greta.Client.GetAsync("/Admin/People")).StatusCode);
        var person = await _app.QueryAsync(db => db.People.SingleAsync(p => p.Email == "greta.horvat@staff.example"));
        Assert.Equal([role.ToString()], await RolesOfAsync(person.Id));
    }

    [Theory]
    [InlineData("short", "Passwords must be at least 8 characters.")]
    [InlineData("password123", "This password is too common or too easy to guess; choose another.")]
    public async Task A_weak_initial_password_is_refused_next_to_the_password_field_and_nothing_is_stored(string password, string message)
    {
        using var admin = await _app.SignInAsync(StaffRole.Administrator);
        var people = await _app.QueryAsync(db => db.People.CountAsync());

        var response = await admin.PostFormAsync("/Admin/People/Create", new()
        {
            ["Input.Name"] = "Hiro Tanaka",
            ["Input.Email"] = "hiro@staff.example",
            ["Input.Role"] = nameof(StaffRole.TeamMember),
            ["Input.Password"] = password,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await StaffSession.ParseAsync(response);
        Assert.Equal(message, StaffSession.FieldError(page, "Input.Password"));
        Assert.Equal("Hiro Tanaka", page.QuerySelector("input[name='Input.Name']")!.GetAttribute("value"));
        Assert.Equal(people, await _app.QueryAsync(db => db.People.CountAsync()));
        Assert.False(await _app.QueryAsync(db => db.Users.AnyAsync(u => u.Email == "hiro@staff.example")));
    }

    [Fact]
    public async Task A_person_without_name_email_role_or_password_is_refused_with_messages_next_to_the_fields()
    {
        using var admin = await _app.SignInAsync(StaffRole.Administrator);
        var people = await _app.QueryAsync(db => db.People.CountAsync());

        var response = await admin.PostFormAsync("/Admin/People/Create", new()
        {
            ["Input.Name"] = " ",
            ["Input.Email"] = "not-an-email",
            ["Input.Role"] = string.Empty,
            ["Input.Password"] = string.Empty,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await StaffSession.ParseAsync(response);
        Assert.Equal("Enter the person's name.", StaffSession.FieldError(page, "Input.Name"));
        Assert.Equal("Enter a valid email address.", StaffSession.FieldError(page, "Input.Email"));
        Assert.Equal("Choose a role.", StaffSession.FieldError(page, "Input.Role"));
        Assert.Equal("Enter an initial password.", StaffSession.FieldError(page, "Input.Password"));
        Assert.Equal(people, await _app.QueryAsync(db => db.People.CountAsync()));
    }

    [Fact]
    public async Task An_email_already_in_use_is_refused_whatever_its_case()
    {
        var existing = await _app.CreatePersonAsync(StaffRole.TeamMember);
        using var admin = await _app.SignInAsync(StaffRole.Administrator);

        var response = await admin.PostFormAsync("/Admin/People/Create", new()
        {
            ["Input.Name"] = "Someone Else",
            ["Input.Email"] = existing.Email.ToUpperInvariant(),
            ["Input.Role"] = nameof(StaffRole.TeamMember),
            ["Input.Password"] = InitialPassword,
        });

        var page = await StaffSession.ParseAsync(response);
        Assert.Equal("Someone already has this email address.", StaffSession.FieldError(page, "Input.Email"));
        Assert.False(await _app.QueryAsync(db => db.People.AnyAsync(p => p.DisplayName == "Someone Else")));
    }

    [Fact]
    public async Task An_email_the_sign_in_name_cannot_hold_is_refused()
    {
        using var admin = await _app.SignInAsync(StaffRole.Administrator);

        var response = await admin.PostFormAsync("/Admin/People/Create", new()
        {
            ["Input.Name"] = "Olga O'Brien",
            ["Input.Email"] = "olga.o'brien@staff.example",
            ["Input.Role"] = nameof(StaffRole.TeamMember),
            ["Input.Password"] = InitialPassword,
        });

        var page = await StaffSession.ParseAsync(response);
        Assert.Equal("Use only letters, digits and . _ - + @ in the email address; it is also the sign-in name.", StaffSession.FieldError(page, "Input.Email"));
        Assert.False(await _app.QueryAsync(db => db.People.AnyAsync(p => p.DisplayName == "Olga O'Brien")));
    }

    [Fact]
    public async Task An_administrator_renames_a_person_and_changes_their_role_and_their_sign_in_follows()
    {
        var person = await _app.CreatePersonAsync(StaffRole.TeamMember);
        using var admin = await _app.SignInAsync(StaffRole.Administrator);

        var response = await admin.PostFormAsync($"/Admin/People/Edit/{person.Id}", new()
        {
            ["Input.Name"] = "Vera Novak",
            ["Input.Role"] = nameof(StaffRole.Manager),
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("Vera Novak saved.", (await admin.GetPageAsync(response.Headers.Location!.ToString())).QuerySelector(".alert-success")!.TextContent);
        var saved = await _app.QueryAsync(db => db.People.SingleAsync(p => p.Id == person.Id));
        Assert.Equal(("Vera Novak", StaffRole.Manager, true), (saved.DisplayName, saved.Role, saved.IsActive));
        Assert.Equal([nameof(StaffRole.Manager)], await RolesOfAsync(person.Id));
        using var vera = await SignInAsAsync(person);
        Assert.Contains("Vera Novak", (await vera.GetPageAsync("/")).QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deactivated_person_can_no_longer_sign_in_and_is_signed_out_of_open_sessions()
    {
        var person = await _app.CreatePersonAsync(StaffRole.TeamMember);
        using var open = await SignInAsAsync(person);
        Assert.Equal(HttpStatusCode.OK, (await open.Client.GetAsync("/")).StatusCode);
        using var admin = await _app.SignInAsync(StaffRole.Administrator);

        var response = await admin.PostFormAsync($"/Admin/People/Edit/{person.Id}", new() { ["Input.IsActive"] = "false" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var row = (await admin.GetPageAsync("/Admin/People")).QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(person.Email, StringComparison.Ordinal));
        Assert.Contains("Deactivated", row.TextContent, StringComparison.Ordinal);

        using var again = _app.NewSession();
        var signIn = await again.PostFormAsync("/Account/Login", new() { ["Input.Email"] = person.Email, ["Input.Password"] = AppFactory.Password });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Contains("the account is disabled", (await StaffSession.ParseAsync(signIn)).QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);

        // Open sessions are checked against the account at most a minute apart.
        _app.Clock.Advance(TimeSpan.FromMinutes(2));
        var later = await open.Client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, later.StatusCode);
        Assert.StartsWith("https://localhost/Account/Login", later.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_administrator_cannot_deactivate_themself()
    {
        var me = await _app.CreatePersonAsync(StaffRole.Administrator);
        using var admin = await SignInAsAsync(me);

        var response = await admin.PostFormAsync($"/Admin/People/Edit/{me.Id}", new() { ["Input.IsActive"] = "false" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await StaffSession.ParseAsync(response);
        Assert.Equal("You cannot deactivate yourself; ask another administrator to do it.", StaffSession.FieldError(page, "Input.IsActive"));
        Assert.True(await _app.QueryAsync(db => db.People.Where(p => p.Id == me.Id).Select(p => p.IsActive).SingleAsync()));
    }

    [Fact]
    public async Task An_administrator_cannot_give_up_their_own_administrator_role()
    {
        var me = await _app.CreatePersonAsync(StaffRole.Administrator);
        using var admin = await SignInAsAsync(me);

        var response = await admin.PostFormAsync($"/Admin/People/Edit/{me.Id}", new() { ["Input.Role"] = nameof(StaffRole.Manager) });

        var page = await StaffSession.ParseAsync(response);
        Assert.Equal("You cannot remove your own Administrator role; ask another administrator to do it.", StaffSession.FieldError(page, "Input.Role"));
        Assert.Equal(StaffRole.Administrator, await _app.QueryAsync(db => db.People.Where(p => p.Id == me.Id).Select(p => p.Role).SingleAsync()));
        Assert.Equal([nameof(StaffRole.Administrator)], await RolesOfAsync(me.Id));
    }

    [Fact]
    public async Task Another_administrator_can_be_deactivated()
    {
        var other = await _app.CreatePersonAsync(StaffRole.Administrator);
        using var admin = await _app.SignInAsync(StaffRole.Administrator);

        var response = await admin.PostFormAsync($"/Admin/People/Edit/{other.Id}", new() { ["Input.IsActive"] = "false" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(await _app.QueryAsync(db => db.People.Where(p => p.Id == other.Id).Select(p => p.IsActive).SingleAsync()));
    }

    [Fact]
    public async Task A_person_without_a_name_is_refused_and_nothing_changes()
    {
        var person = await _app.CreatePersonAsync(StaffRole.TeamMember);
        using var admin = await _app.SignInAsync(StaffRole.Administrator);

        var response = await admin.PostFormAsync($"/Admin/People/Edit/{person.Id}", new() { ["Input.Name"] = string.Empty, ["Input.Role"] = nameof(StaffRole.Manager) });

        var page = await StaffSession.ParseAsync(response);
        Assert.Equal("Enter the person's name.", StaffSession.FieldError(page, "Input.Name"));
        Assert.Equal(person.Email, page.QuerySelector("#email")!.GetAttribute("value"));
        Assert.Equal(StaffRole.TeamMember, await _app.QueryAsync(db => db.People.Where(p => p.Id == person.Id).Select(p => p.Role).SingleAsync()));
    }

    [Fact]
    public async Task Two_administrators_saving_the_same_person_get_a_conflict_not_a_silent_overwrite()
    {
        var person = await _app.CreatePersonAsync(StaffRole.TeamMember);
        using var first = await _app.SignInAsync(StaffRole.Administrator);
        using var second = await _app.SignInAsync(StaffRole.Administrator);
        var url = $"/Admin/People/Edit/{person.Id}";
        var staleVersion = (await second.GetPageAsync(url)).QuerySelector("input[name='Input.Version']")!.GetAttribute("value")!;

        var saved = await first.PostFormAsync(url, new() { ["Input.Role"] = nameof(StaffRole.Manager) });
        var conflicting = await second.PostFormAsync(url, new() { ["Input.Role"] = nameof(StaffRole.President), ["Input.Version"] = staleVersion });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, conflicting.StatusCode);
        Assert.Contains("Someone else changed this record", (await StaffSession.ParseAsync(conflicting)).QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(StaffRole.Manager, await _app.QueryAsync(db => db.People.Where(p => p.Id == person.Id).Select(p => p.Role).SingleAsync()));
        Assert.Equal([nameof(StaffRole.Manager)], await RolesOfAsync(person.Id));
    }

    [Fact]
    public async Task The_people_list_shows_each_persons_teams()
    {
        var person = await _app.CreatePersonAsync(StaffRole.TeamMember);
        await _app.ExecuteAsync(async db =>
        {
            foreach (var team in await db.Teams.Include(t => t.Members).Where(t => t.Id == _data.Operations.Id || t.Id == _data.ClientTeam.Id).ToListAsync())
            {
                team.AddMember(person.Id);
            }
        });
        using var admin = await _app.SignInAsync(StaffRole.Administrator);

        var page = await admin.GetPageAsync($"/Admin/People?search={person.Email}");

        Assert.Equal("Client Team North, Field Service", page.QuerySelector("tbody tr td:nth-child(4)")!.TextContent);
    }

    [Fact]
    public async Task A_search_that_finds_no_one_says_so()
    {
        using var admin = await _app.SignInAsync(StaffRole.Administrator);

        var page = await admin.GetPageAsync("/Admin/People?search=nobody-by-this-name");

        Assert.Null(page.QuerySelector("table"));
        Assert.Equal("No one matches “nobody-by-this-name”.", page.QuerySelector(".empty-state p")!.TextContent);
    }

    [Theory]
    [InlineData(StaffRole.TeamMember)]
    [InlineData(StaffRole.Manager)]
    [InlineData(StaffRole.President)]
    public async Task People_administration_is_forbidden_to_everyone_but_administrators(StaffRole role)
    {
        var someone = await _app.CreatePersonAsync(StaffRole.TeamMember);
        using var session = await _app.SignInAsync(role);

        foreach (var url in new[] { "/Admin/People", "/Admin/People/Create", $"/Admin/People/Edit/{someone.Id}" })
        {
            var response = await session.Client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("https://localhost/Account/AccessDenied", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task There_is_no_self_registration()
    {
        using var visitor = _app.NewSession();

        var login = await visitor.GetPageAsync("/Account/Login");
        var create = await visitor.Client.GetAsync("/Admin/People/Create");
        var register = await visitor.Client.GetAsync("/Account/Register");

        Assert.DoesNotContain(login.QuerySelectorAll("a"), a => a.GetAttribute("href")?.Contains("Register", StringComparison.OrdinalIgnoreCase) == true);
        Assert.StartsWith("https://localhost/Account/Login", create.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("https://localhost/Account/Login", register.Headers.Location!.ToString(), StringComparison.Ordinal);
        using var member = await _app.SignInAsync(StaffRole.TeamMember);
        Assert.Equal(HttpStatusCode.NotFound, (await member.Client.GetAsync("/Account/Register")).StatusCode);
    }

    [Fact]
    public async Task An_unknown_person_id_shows_the_not_found_page()
    {
        using var admin = await _app.SignInAsync(StaffRole.Administrator);

        await admin.GetPageAsync($"/Admin/People/Edit/{Guid.NewGuid()}", HttpStatusCode.NotFound);
    }

    private async Task<StaffSession> SignInAsAsync(Person person)
    {
        var session = _app.NewSession();
        await session.SignInAsync(person.Email, AppFactory.Password);
        return session;
    }

    private Task<List<string>> RolesOfAsync(Guid personId) =>
        _app.QueryAsync(db => db.UserRoles
            .Where(ur => ur.UserId == personId)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name!)
            .ToListAsync());
}
