using ServiceExcellence.Domain.Clients;
using ServiceExcellence.Domain.ServiceLines;
using ServiceExcellence.Domain.Teams;

namespace ServiceExcellence.IntegrationTests.Support;

/// <summary>A small company to test against: one team of each kind, a service line, a client with a contact.</summary>
public sealed record TestData(Team ClientTeam, Team Operations, Team KeySuccess, ServiceLine Repair, Client Northwind, Contact Anna)
{
    public static async Task<TestData> SeedAsync(AppFactory app)
    {
        var clientTeam = new Team("Client Team North", TeamKind.Client);
        var operations = new Team("Field Service", TeamKind.Operations);
        var keySuccess = new Team("Service Excellence Council", TeamKind.KeySuccess);
        var repair = new ServiceLine("REPAIR", "Field repair", operations);
        var northwind = new Client("Northwind Traders", "CRM-1", "Enterprise", 2_500_000m, clientTeam);
        var anna = northwind.AddContact("Anna Andersen", "anna@northwind.example", "en");
        await app.ExecuteAsync(db =>
        {
            db.Teams.AddRange(clientTeam, operations, keySuccess);
            db.ServiceLines.Add(repair);
            db.Clients.Add(northwind);
            return Task.CompletedTask;
        });
        return new TestData(clientTeam, operations, keySuccess, repair, northwind, anna);
    }
}
