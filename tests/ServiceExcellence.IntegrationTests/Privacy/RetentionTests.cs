using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Privacy;
using ServiceExcellence.Domain.Email;
using ServiceExcellence.Domain.Privacy;
using ServiceExcellence.Domain.Surveys;
using ServiceExcellence.IntegrationTests.Support;
using ServiceExcellence.IntegrationTests.Surveys;

namespace ServiceExcellence.IntegrationTests.Privacy;

public sealed class RetentionTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();
    private TestData _data = default!;

    public async ValueTask InitializeAsync() => _data = await TestData.SeedAsync(_app);

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task A_link_token_is_kept_until_its_invitation_expired_more_than_the_configured_days_ago()
    {
        await CustomerRatings.RateAsync(_app, _data, "T-1", 4, "Good.");
        _app.Clock.Advance(TimeSpan.FromDays(59));

        var early = await _app.SendAsync<PurgeExpiredData.Result>(new PurgeExpiredData.Command());

        Assert.False(early.PurgedAnything);
        Assert.Equal(1, await _app.QueryAsync(db => db.SurveyLinkTokens.CountAsync()));
        Assert.Equal(0, await _app.QueryAsync(db => db.PrivacyAudit.CountAsync()));

        _app.Clock.Advance(TimeSpan.FromDays(2));
        var late = await _app.SendAsync<PurgeExpiredData.Result>(new PurgeExpiredData.Command());

        Assert.Equal(new PurgeExpiredData.Result(LinkTokens: 1, Invitations: 0, Emails: 0), late);
        Assert.Equal(0, await _app.QueryAsync(db => db.SurveyLinkTokens.CountAsync()));
        Assert.Equal("Good.", await _app.QueryAsync(db => db.Ratings.Select(r => r.Comment).SingleAsync()));
    }

    [Fact]
    public async Task Unanswered_invitations_and_sent_emails_past_their_age_are_purged_and_nothing_else()
    {
        // A year and a day ago: a survey Anna never answered, and one Dan answered; both emails sent.
        var unanswered = await SurveyLinks.RecordAsync(_app, _data, "T-old-unanswered");
        await SurveyLinks.MintAsync(_app, unanswered.Id);
        await CustomerRatings.RateAsync(_app, _data, "T-old-rated", 3, "Slow.", contactId: await NewContactAsync("Dan Dunn"));
        await MarkAllSentAsync();

        // Ten days ago: Carla's survey, link still live, email not sent yet.
        _app.Clock.Advance(TimeSpan.FromDays(356));
        var recent = await SurveyLinks.RecordAsync(_app, _data, "T-recent", contactId: await NewContactAsync("Carla Costa"));
        await SurveyLinks.MintAsync(_app, recent.Id);
        _app.Clock.Advance(TimeSpan.FromDays(10));

        var result = await _app.SendAsync<PurgeExpiredData.Result>(new PurgeExpiredData.Command());

        Assert.Equal(new PurgeExpiredData.Result(LinkTokens: 2, Invitations: 1, Emails: 2), result);
        var invitations = await _app.QueryAsync(db => db.Transactions
            .Where(t => db.SurveyInvitations.Any(i => i.TransactionId == t.Id)).Select(t => t.ExternalReference).OrderBy(r => r).ToListAsync());
        Assert.Equal(["T-old-rated", "T-recent"], invitations);
        Assert.Equal(3, await _app.QueryAsync(db => db.Transactions.CountAsync()));
        Assert.Equal("Slow.", await _app.QueryAsync(db => db.Ratings.Select(r => r.Comment).SingleAsync()));
        Assert.Equal(1, await _app.QueryAsync(db => db.SurveyLinkTokens.CountAsync()));
        Assert.Equal([OutboxStatus.Pending], await _app.QueryAsync(db => db.OutboxMessages.Select(m => m.Status).ToListAsync()));
        var entry = await _app.QueryAsync(db => db.PrivacyAudit.SingleAsync());
        Assert.Equal(PrivacyAction.PurgedByRetention, entry.Action);
        Assert.Null(entry.ContactId);
        Assert.StartsWith("2 link tokens", entry.Summary, StringComparison.Ordinal);

        var second = await _app.SendAsync<PurgeExpiredData.Result>(new PurgeExpiredData.Command());

        Assert.False(second.PurgedAnything);
        Assert.Equal(1, await _app.QueryAsync(db => db.PrivacyAudit.CountAsync()));
    }

    private async Task<Guid> NewContactAsync(string name)
    {
        var id = Guid.Empty;
        await _app.ExecuteAsync(async db =>
        {
            var client = await db.Clients.Include(c => c.Contacts).SingleAsync(c => c.Id == _data.Northwind.Id);
            id = client.AddContact(name, $"{name[..4].ToLowerInvariant()}@northwind.example", "en").Id;
        });
        return id;
    }

    private Task MarkAllSentAsync() => _app.ExecuteAsync(async db =>
    {
        foreach (var message in await db.OutboxMessages.ToListAsync())
        {
            message.MarkSent(_app.Clock.GetUtcNow());
        }

        foreach (var invitation in await db.SurveyInvitations.Where(i => i.Status == InvitationStatus.Pending).ToListAsync())
        {
            invitation.MarkSent(_app.Clock.GetUtcNow());
        }
    });
}
