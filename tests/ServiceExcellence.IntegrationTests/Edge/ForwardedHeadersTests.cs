using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using ServiceExcellence.IntegrationTests.Support;

namespace ServiceExcellence.IntegrationTests.Edge;

/// <summary>Behind the load balancer of docs/operations.md: its X-Forwarded-For/-Proto are believed, nobody else's.</summary>
public sealed class ForwardedHeadersTests : IAsyncLifetime
{
    private const string Balancer = "10.20.0.7";

    private readonly AppFactory _app = new() { Settings = { ["ForwardedHeaders:KnownNetworks:0"] = "10.20.0.0/16" } };

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Customers_behind_a_configured_balancer_have_their_own_bad_link_budget()
    {
        using var first = ThroughBalancer("203.0.113.10");
        using var second = ThroughBalancer("203.0.113.20");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 11; i++)
        {
            statuses.Add((await first.GetAsync(BadLink(i))).StatusCode);
        }

        Assert.All(statuses.Take(10), s => Assert.Equal(HttpStatusCode.NotFound, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[10]);
        Assert.Equal(HttpStatusCode.NotFound, (await second.GetAsync(BadLink(11))).StatusCode);
    }

    [Fact]
    public async Task Forwarded_headers_from_an_address_outside_the_configured_networks_are_ignored()
    {
        using var client = ClientAddresses.From(_app.CreateClient(), "198.51.100.9");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 11; i++)
        {
            // A new made-up address with every request: it must not buy a new budget.
            using var request = new HttpRequestMessage(HttpMethod.Get, BadLink(i));
            request.Headers.Add("X-Forwarded-For", $"203.0.113.{i + 1}");
            statuses.Add((await client.SendAsync(request)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[10]);
    }

    [Fact]
    public async Task Https_terminated_at_the_balancer_gets_strict_transport_security()
    {
        using var client = ThroughBalancer("203.0.113.10", new Uri("http://feedback.example"));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/Account/Login");
        request.Headers.Add("X-Forwarded-Proto", "https");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("max-age=31536000; includeSubDomains", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
    }

    [Fact]
    public async Task The_app_refuses_to_start_with_an_entry_that_is_not_a_network_or_an_address()
    {
        await using var app = new AppFactory
        {
            Settings = { ["ForwardedHeaders:KnownNetworks:0"] = "10.0.0.0/33", ["ForwardedHeaders:KnownProxies:0"] = "balancer.internal" },
        };

        var failure = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("ForwardedHeaders:KnownNetworks:0 '10.0.0.0/33' is not a network in CIDR notation", failure.ToString(), StringComparison.Ordinal);
        Assert.Contains("ForwardedHeaders:KnownProxies:0 'balancer.internal' is not an IP address", failure.ToString(), StringComparison.Ordinal);
    }

    private static string BadLink(int i) => "/r/" + new string((char)('a' + i), 43);

    private HttpClient ThroughBalancer(string customer, Uri? baseAddress = null)
    {
        var client = ClientAddresses.From(
            _app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = baseAddress ?? new Uri("https://localhost"), AllowAutoRedirect = false }),
            Balancer);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", customer);
        return client;
    }
}
