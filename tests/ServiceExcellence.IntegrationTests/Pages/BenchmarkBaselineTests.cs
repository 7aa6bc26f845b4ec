using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.IntegrationTests.Support;

namespace ServiceExcellence.IntegrationTests.Pages;

/// <summary>The yardstick of bench/rating-post.sh is there only when a benchmark run switches it on.</summary>
public sealed class BenchmarkBaselineTests
{
    [Fact]
    public async Task The_baseline_endpoint_does_not_exist_in_a_normal_run()
    {
        await using var app = new AppFactory();
        using var session = app.NewSession();

        var response = await session.Client.PostAsync("/bench/baseline", content: null);

        // Like any unknown address, it sends an anonymous caller to sign in; nothing is stored.
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(0, await app.QueryAsync(db => db.Database
            .SqlQueryRaw<int>("SELECT COUNT(*) AS Value FROM sqlite_master WHERE name = 'BenchmarkRows'").SingleAsync()));
    }

    [Fact]
    public async Task With_benchmarking_enabled_the_baseline_inserts_one_row_without_sign_in_or_form_token()
    {
        await using var app = new AppFactory();
        app.Settings["Benchmark:Enabled"] = "true";
        using var session = app.NewSession();

        var first = await session.Client.PostAsync("/bench/baseline", content: null);
        var second = await session.Client.PostAsync("/bench/baseline", content: null);

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, second.StatusCode);
        Assert.Equal(2, await app.QueryAsync(db => db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS Value FROM BenchmarkRows").SingleAsync()));
    }
}
