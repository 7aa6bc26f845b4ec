using System.Net;
using System.Text.Json;
using ServiceExcellence.IntegrationTests.Api;
using ServiceExcellence.IntegrationTests.Support;

namespace ServiceExcellence.IntegrationTests.Edge;

public sealed class ApiAddressLimitTests : IAsyncLifetime
{
    private readonly AppFactory _app = new() { Settings = { ["RateLimits:ApiPerAddressPerMinute"] = "5" } };

    public async ValueTask InitializeAsync() => await TestData.SeedAsync(_app);

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Made_up_keys_from_one_address_get_429_once_the_address_limit_is_passed_while_another_address_goes_on()
    {
        using var sprayer = ClientAddresses.From(ApiKit.Client(_app, key: null), "192.0.2.70");
        using var integration = ClientAddresses.From(ApiKit.Client(_app, await ApiKit.CreateKeyAsync(_app)), "192.0.2.71");
        using (_app.Sql.Record())
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await SendWithMadeUpKey(sprayer)).StatusCode);
            Assert.NotEmpty(_app.Sql.Mentioning("ApiKeys")); // each made-up key costs a lookup while it is let through
        }

        for (var i = 1; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await SendWithMadeUpKey(sprayer)).StatusCode);
        }

        HttpResponseMessage refused;
        using (_app.Sql.Record())
        {
            refused = await SendWithMadeUpKey(sprayer);
            Assert.Empty(_app.Sql.Mentioning("ApiKeys"));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(refused.Headers.RetryAfter);
        using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Equal("Too many requests from this address.", problem.RootElement.GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.OK, (await integration.GetAsync("/api/v1/service-lines")).StatusCode);
    }

    private static Task<HttpResponseMessage> SendWithMadeUpKey(HttpClient client)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/service-lines");
        request.Headers.Add("X-Api-Key", "se_" + Guid.NewGuid().ToString("N"));
        return client.SendAsync(request);
    }
}
