using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Infrastructure.Seeding;
using ServiceExcellence.IntegrationTests.Support;

namespace ServiceExcellence.IntegrationTests.Api;

public sealed class DemoApiKeyTests : IAsyncLifetime
{
    private readonly AppFactory _app = new() { Settings = { ["Database:SeedDemoData"] = "true" } };

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task The_demo_company_comes_with_one_demo_key_whose_published_value_posts_to_the_demo_clients()
    {
        using var crm = ApiKit.Client(_app, DemoSeeder.DemoApiKey);

        var body = ApiKit.Transaction("DEMO-API-1", "anna.demo@northwind-traders.example").With("clientReference", "CRM-1000");
        var response = await crm.PostAsync(body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var key = await _app.QueryAsync(db => db.ApiKeys.SingleAsync());
        Assert.True(key.IsDemo);
        Assert.Equal("demo-crm", key.SourceSystem);
        Assert.Equal("demo-crm", await _app.QueryAsync(db => db.Transactions.Where(t => t.ExternalReference == "DEMO-API-1").Select(t => t.SourceSystem).SingleAsync()));
        Assert.Equal(40, (await (await crm.GetAsync("/api/v1/clients?pageSize=200")).JsonAsync()).GetProperty("totalCount").GetInt32());
    }
}
