using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceExcellence.Application.Clients;
using ServiceExcellence.Application.Common.Exceptions;
using ServiceExcellence.Domain.People;
using ServiceExcellence.Domain.Teams;
using ServiceExcellence.Infrastructure.Persistence;

namespace ServiceExcellence.SqlServerTests;

/// <summary>The persistence behaviour the SQLite suite checks, on the production provider with its own migrations.</summary>
[Collection(SqlServerCollection.Name)]
public sealed class PersistenceTests(SqlServerFixture sqlServer)
{
    private WebApplicationFactory<Program> StartApp(bool seedDemo = false)
    {
        Assert.SkipWhen(sqlServer.Unavailable is not null, "Docker not available, SQL Server suite skipped: " + sqlServer.Unavailable);
        var database = "se_" + Guid.NewGuid().ToString("N")[..12];
        return new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Database:Provider", "SqlServer");
            builder.UseSetting("ConnectionStrings:ServiceExcellence", sqlServer.ConnectionString(database));
            builder.UseSetting("Database:SeedDemoData", seedDemo ? "true" : "false");
        });
    }

    /// <summary>Client administration is for administrators: the messages below are sent as one would from an /Admin page.</summary>
    private static void ActAsAdministrator(WebApplicationFactory<Program> app) =>
        app.Services.GetRequiredService<IHttpContextAccessor>().HttpContext = new DefaultHttpContext
        {
            User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, StaffRoles.Administrator)], "Test")),
        };

    [Fact]
    public async Task The_SQL_Server_migrations_build_the_schema_and_the_demo_company_fits_it()
    {
        await using var app = StartApp(seedDemo: true);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(40, await db.Clients.CountAsync());
        Assert.Equal(2_000, await db.Transactions.CountAsync());
        Assert.True(await db.Transactions.SumAsync(t => t.InvoicedAmount) > 0);
    }

    [Fact]
    public async Task A_client_saved_through_the_pipeline_reads_back_with_its_contacts()
    {
        await using var app = StartApp();
        ActAsAdministrator(app);
        var team = new Team("Client Team North", TeamKind.Client);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.Teams.Add(team);
            await db.SaveChangesAsync();
        }

        Guid clientId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
            clientId = await mediator.Send(new SaveClient.Command { Name = "Northwind", AnnualRevenue = 1_234_567.89m, ClientTeamId = team.Id });
            await mediator.Send(new SaveContact.Command { ClientId = clientId, Name = "Anna", Email = "anna@northwind.example" });
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var details = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new ClientDetails.Query(clientId));
            Assert.Equal(1_234_567.89m, details.AnnualRevenue);
            Assert.Equal("anna@northwind.example", Assert.Single(details.Contacts).Email);
        }
    }

    [Fact]
    public async Task A_stale_version_is_a_conflict_on_SQL_Server_too()
    {
        await using var app = StartApp();
        ActAsAdministrator(app);
        var team = new Team("Client Team North", TeamKind.Client);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.Teams.Add(team);
            await db.SaveChangesAsync();
        }

        await using var work = app.Services.CreateAsyncScope();
        var mediator = work.ServiceProvider.GetRequiredService<IMediator>();
        var id = await mediator.Send(new SaveClient.Command { Name = "Northwind", ClientTeamId = team.Id });
        var form = await mediator.Send(new SaveClient.Query(id));
        await mediator.Send(form with { Name = "First edit" });

        await using var other = app.Services.CreateAsyncScope();
        await Assert.ThrowsAsync<ConflictException>(async () =>
            await other.ServiceProvider.GetRequiredService<IMediator>().Send(form with { Name = "Second edit" }));
    }
}
