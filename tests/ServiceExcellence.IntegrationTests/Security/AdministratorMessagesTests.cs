using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceExcellence.Application.AlertRules;
using ServiceExcellence.Application.ApiKeys;
using ServiceExcellence.Application.Clients;
using ServiceExcellence.Application.Common.Exceptions;
using ServiceExcellence.Application.Email;
using ServiceExcellence.Application.People;
using ServiceExcellence.Application.Surveys;
using ServiceExcellence.Application.Teams;
using ServiceExcellence.Application.Webhooks;
using ServiceExcellence.Domain.Alerts;
using ServiceExcellence.Domain.People;
using ServiceExcellence.Domain.Teams;
using ServiceExcellence.IntegrationTests.Api;
using ServiceExcellence.IntegrationTests.Fuzz;
using ServiceExcellence.IntegrationTests.Support;
using ServiceExcellence.Web.Api;

namespace ServiceExcellence.IntegrationTests.Security;

/// <summary>
/// Administrators' commands and queries are refused to everyone else in the mediator pipeline itself, not only by the
/// /Admin pages' policy: a page or endpoint added later that sends one cannot open it to other staff, to an API key or
/// to a background job.
/// </summary>
public sealed class AdministratorMessagesTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();
    private TestData _data = default!;

    public async ValueTask InitializeAsync() => _data = await TestData.SeedAsync(_app);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    /// <summary>Changes an administrator makes from the /Admin pages, each one valid.</summary>
    private static IEnumerable<IMessage> AdministratorsCommands(TestData data) =>
    [
        SaveAlertRule.Command.New(AlertRuleKind.OverallAtOrBelow) with { Name = "Very poor overall score" },
        new CreateApiKey.Command { Name = "Ticketing", SourceSystem = "ticketing" },
        new AddPerson.Command { Name = "Mallory Meyer", Email = "mallory@staff.example", Role = StaffRole.Administrator, Password = AppFactory.Password },
        new SaveWebhookEndpoint.Command { Name = "CRM", Url = "https://93.184.215.14/hooks", AlertRaised = true },
        new SaveTeam.Command { Name = "Client Team South", Kind = TeamKind.Client },
        new SaveClient.Command { Name = "Contoso", ClientTeamId = data.ClientTeam.Id },
    ];

    [Theory]
    [InlineData(StaffRole.TeamMember)]
    [InlineData(StaffRole.Manager)]
    [InlineData(StaffRole.President)]
    public async Task Other_staff_are_refused_administrators_commands_and_nothing_is_stored(StaffRole role)
    {
        var person = await _app.CreatePersonAsync(role);
        var before = await TableCounts.OfAsync(_app);

        foreach (var command in AdministratorsCommands(_data))
        {
            var refusal = await Assert.ThrowsAsync<ForbiddenException>(() => _app.SendAsAsync<object>(person, command));
            Assert.Equal("Only administrators may do this.", refusal.Message);
        }

        Assert.Equal(before, await TableCounts.OfAsync(_app));
    }

    [Fact]
    public async Task An_administrator_sends_the_same_commands_and_each_is_stored()
    {
        foreach (var command in AdministratorsCommands(_data))
        {
            await _app.SendAsAdministratorAsync<object>(command);
        }

        await _app.QueryAsync(async db =>
        {
            Assert.True(await db.AlertRules.AnyAsync(r => r.Name == "Very poor overall score"));
            Assert.True(await db.ApiKeys.AnyAsync(k => k.Name == "Ticketing"));
            Assert.True(await db.People.AnyAsync(p => p.Email == "mallory@staff.example"));
            Assert.True(await db.WebhookEndpoints.AnyAsync(w => w.Name == "CRM"));
            Assert.True(await db.Teams.AnyAsync(t => t.Name == "Client Team South"));
            Assert.True(await db.Clients.AnyAsync(c => c.Name == "Contoso"));
            return true;
        });
    }

    [Fact]
    public async Task A_manager_cannot_read_the_people_the_api_keys_the_outbox_or_a_clients_administration_page()
    {
        var manager = await _app.CreatePersonAsync(StaffRole.Manager);

        await Assert.ThrowsAsync<ForbiddenException>(() => _app.SendAsAsync<object>(manager, new ListPeople.Query()));
        await Assert.ThrowsAsync<ForbiddenException>(() => _app.SendAsAsync<object>(manager, new ListApiKeys.Query()));
        await Assert.ThrowsAsync<ForbiddenException>(() => _app.SendAsAsync<object>(manager, new ListOutbox.Query()));
        await Assert.ThrowsAsync<ForbiddenException>(() => _app.SendAsAsync<object>(manager, new ClientDetails.Query(_data.Northwind.Id)));
    }

    [Fact]
    public async Task A_background_job_acts_for_no_one_its_own_commands_run_and_administrators_commands_are_refused()
    {
        await _app.SendAsync<int>(new ExpireInvitations.Command());

        await Assert.ThrowsAsync<ForbiddenException>(() => _app.SendAsync<object>(new CreateApiKey.Command { Name = "Backdoor", SourceSystem = "backdoor" }));
        Assert.False(await _app.QueryAsync(db => db.ApiKeys.AnyAsync(k => k.Name == "Backdoor")));
    }

    [Fact]
    public async Task A_caller_signed_in_with_an_api_key_cannot_send_administrators_commands()
    {
        var key = await ApiKit.CreateKeyAsync(_app);
        await using var scope = _app.Services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Headers[ApiKeyAuthenticationHandler.HeaderName] = key;
        var signedIn = await context.AuthenticateAsync(ApiKeyAuthenticationHandler.SchemeName);
        Assert.True(signedIn.Succeeded);
        var accessor = scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>();
        accessor.HttpContext = context;
        context.User = signedIn.Principal!;
        try
        {
            var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
            await Assert.ThrowsAsync<ForbiddenException>(async () => await mediator.Send(new CreateApiKey.Command { Name = "Second key", SourceSystem = "crm2" }));
            await Assert.ThrowsAsync<ForbiddenException>(async () => await mediator.Send(new ListApiKeys.Query()));
        }
        finally
        {
            accessor.HttpContext = null;
        }

        Assert.Equal(1, await _app.QueryAsync(db => db.ApiKeys.CountAsync()));
    }
}
