using System.Net;
using ServiceExcellence.Application.Surveys;
using ServiceExcellence.IntegrationTests.Support;

namespace ServiceExcellence.IntegrationTests.Edge;

/// <summary>A client over a limit is answered from memory: its requests cost no query (the survey language included).</summary>
public sealed class LimitedRequestCostTests : IAsyncLifetime
{
    private readonly AppFactory _app = new() { Settings = { ["RateLimits:PublicPagesPerMinute"] = "4" } };

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task An_address_blocked_for_bad_links_runs_no_token_lookup()
    {
        await using var app = new AppFactory(); // the default public-pages limit: 13 requests stay under it
        using var guesser = ClientAddresses.From(app.CreateClient(), "192.0.2.50");
        using (app.Sql.Record())
        {
            Assert.Equal(HttpStatusCode.NotFound, (await guesser.GetAsync(UnknownLink())).StatusCode);
            Assert.NotEmpty(app.Sql.Mentioning("SurveyLinkTokens"));
        }

        for (var i = 1; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await guesser.GetAsync(UnknownLink())).StatusCode);
        }

        using (app.Sql.Record())
        {
            for (var i = 10; i < 13; i++)
            {
                Assert.Equal(HttpStatusCode.TooManyRequests, (await guesser.GetAsync(UnknownLink())).StatusCode);
            }

            Assert.Empty(app.Sql.Mentioning("SurveyLinkTokens"));
        }
    }

    [Fact]
    public async Task A_request_over_the_public_pages_limit_runs_no_query()
    {
        using var visitor = ClientAddresses.From(_app.CreateClient(), "192.0.2.60");
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync(UnknownLink())).StatusCode);
        }

        using (_app.Sql.Record())
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, (await visitor.GetAsync(UnknownLink())).StatusCode);
            Assert.Empty(_app.Sql.Mentioning("SurveyLinkTokens"));
        }
    }

    /// <summary>A well-formed link that was never sent: only the database can tell that it is unknown.</summary>
    private static string UnknownLink() => "/r/" + SurveyTokens.Mint().Token;
}
