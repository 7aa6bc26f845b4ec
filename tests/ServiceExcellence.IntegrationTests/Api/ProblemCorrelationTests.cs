using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ServiceExcellence.IntegrationTests.Support;

namespace ServiceExcellence.IntegrationTests.Api;

/// <summary>Whatever goes wrong, the id in an API problem is the X-Correlation-Id the logs are searched by.</summary>
public sealed class ProblemCorrelationTests : IAsyncLifetime
{
    private const int KeyRequestsPerMinute = 10;
    private readonly AppFactory _app = new() { Settings = { ["RateLimits:ApiRequestsPerMinute"] = KeyRequestsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture) } };

    public async ValueTask InitializeAsync() => await TestData.SeedAsync(_app);

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Every_kind_of_api_problem_carries_the_correlation_id_of_its_response_header_and_no_other_id()
    {
        using var crm = ApiKit.Client(_app, await ApiKit.CreateKeyAsync(_app, "crm"));
        using var anonymous = ApiKit.Client(_app, null);
        Assert.Equal(HttpStatusCode.Created, (await crm.PostAsync(ApiKit.Transaction("T-1"))).StatusCode);
        var used = 1;

        async Task<HttpResponseMessage> Send(HttpClient client, HttpRequestMessage request)
        {
            used += client == crm ? 1 : 0;
            return await client.SendAsync(request);
        }

        var problems = new List<(string Case, HttpStatusCode Expected, HttpResponseMessage Response)>
        {
            ("missing field", HttpStatusCode.BadRequest, await Send(crm, Post("/api/v1/transactions", ApiKit.Transaction("T-2").Without("occurredAt")))),
            ("body not json", HttpStatusCode.BadRequest, await Send(crm, Post("/api/v1/transactions", "{ not json", html: true))),
            ("no key", HttpStatusCode.Unauthorized, await Send(anonymous, Post("/api/v1/transactions", ApiKit.Transaction("T-3")))),
            ("unknown path", HttpStatusCode.NotFound, await Send(crm, new HttpRequestMessage(HttpMethod.Get, "/api/v1/no-such-thing"))),
            ("wrong method", HttpStatusCode.NotFound, await Send(crm, new HttpRequestMessage(HttpMethod.Delete, "/api/v1/transactions"))),
            ("unknown transaction", HttpStatusCode.NotFound, await Send(crm, new HttpRequestMessage(HttpMethod.Get, $"/api/v1/transactions/{Guid.NewGuid()}"))),
            ("different data", HttpStatusCode.Conflict, await Send(crm, Post("/api/v1/transactions", ApiKit.Transaction("T-1").With("channel", "Phone")))),
            ("unknown client", HttpStatusCode.UnprocessableEntity, await Send(crm, Post("/api/v1/transactions", ApiKit.Transaction("T-4").With("clientReference", "CRM-404")))),
        };
        while (used < KeyRequestsPerMinute)
        {
            Assert.Equal(HttpStatusCode.OK, (await Send(crm, new HttpRequestMessage(HttpMethod.Get, "/api/v1/service-lines"))).StatusCode);
        }

        problems.Add(("over the limit", HttpStatusCode.TooManyRequests, await Send(crm, Post("/api/v1/transactions", ApiKit.Transaction("T-5")))));

        foreach (var (name, expected, response) in problems)
        {
            Assert.True(expected == response.StatusCode, $"{name}: {response.StatusCode}");
            Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"{name}: {response.Content.Headers.ContentType}");
            Assert.True(response.Headers.TryGetValues("X-Correlation-Id", out var headers), $"{name}: no X-Correlation-Id");
            var header = Assert.Single(headers);
            var problem = await response.JsonAsync();
            Assert.True(problem.TryGetProperty("correlationId", out var id) && id.GetString() == header, $"{name}: {problem}");
            Assert.False(problem.TryGetProperty("traceId", out _), $"{name}: {problem}");
        }
    }

    [Fact]
    public async Task A_callers_trace_id_is_the_correlation_id_of_its_problem()
    {
        using var anonymous = ApiKit.Client(_app, null);
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/clients");
        request.Headers.Add("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

        var response = await anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("4bf92f3577b34da6a3ce929d0e0e4736", (await response.JsonAsync()).GetProperty("correlationId").GetString());
    }

    private static HttpRequestMessage Post(string path, JsonNode body) => Post(path, body.ToJsonString());

    /// <summary>A browser-like Accept header must not turn an API problem into anything but JSON.</summary>
    private static HttpRequestMessage Post(string path, string body, bool html = false)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (html)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        }

        return request;
    }
}
