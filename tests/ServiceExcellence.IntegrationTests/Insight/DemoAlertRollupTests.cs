using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Infrastructure.Persistence;
using ServiceExcellence.IntegrationTests.Support;

namespace ServiceExcellence.IntegrationTests.Insight;

/// <summary>The demo company is saved in one bulk save: its alert rollups, written by that save, equal a rebuild from the alerts.</summary>
public sealed class DemoAlertRollupTests : IAsyncLifetime
{
    private readonly AppFactory _app = new() { Settings = { ["Database:SeedDemoData"] = "true" } };

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_demo_alerts_rollups_written_by_the_seed_equal_a_rebuild()
    {
        var alerts = await _app.QueryAsync(db => db.Alerts.CountAsync());
        Assert.True(alerts > 0, "the demo company has alerts");
        var written = await AlertRollupTests.AlertRollupRowsAsync(_app);
        Assert.Contains(written, r => r.StartsWith("category ", StringComparison.Ordinal));

        await _app.ExecuteAsync(async db =>
        {
            await db.InsightAlertDays.ExecuteDeleteAsync();
            await db.InsightAlertCategories.ExecuteDeleteAsync();
        });
        await _app.Services.InitialiseDatabaseAsync();
        Assert.Equal(written, await AlertRollupTests.AlertRollupRowsAsync(_app));
    }
}
