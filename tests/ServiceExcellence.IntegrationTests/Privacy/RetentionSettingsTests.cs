using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Privacy;
using ServiceExcellence.IntegrationTests.Support;
using ServiceExcellence.IntegrationTests.Surveys;

namespace ServiceExcellence.IntegrationTests.Privacy;

public sealed class RetentionSettingsTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();
    private TestData _data = default!;

    public async ValueTask InitializeAsync()
    {
        _app.Settings["Privacy:SentEmailDays"] = "5";
        _data = await TestData.SeedAsync(_app);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Sent_emails_are_kept_for_the_configured_number_of_days()
    {
        await SurveyLinks.RecordAsync(_app, _data, "T-1");
        await _app.ExecuteAsync(async db => (await db.OutboxMessages.SingleAsync()).MarkSent(_app.Clock.GetUtcNow()));
        _app.Clock.Advance(TimeSpan.FromDays(4));

        Assert.Equal(0, (await _app.SendAsync<PurgeExpiredData.Result>(new PurgeExpiredData.Command())).Emails);

        _app.Clock.Advance(TimeSpan.FromDays(2));

        Assert.Equal(1, (await _app.SendAsync<PurgeExpiredData.Result>(new PurgeExpiredData.Command())).Emails);
        Assert.Equal(0, await _app.QueryAsync(db => db.OutboxMessages.CountAsync()));
    }
}
