using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Domain.Surveys;
using ServiceExcellence.IntegrationTests.Support;

namespace ServiceExcellence.IntegrationTests.Surveys;

/// <summary>Who is asked, and who is not (and why), when a transaction is recorded.</summary>
public sealed class InvitationPolicyTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();
    private TestData _data = default!;

    public async ValueTask InitializeAsync() => _data = await TestData.SeedAsync(_app);

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Recording_a_transaction_creates_the_invitation_and_its_email_in_the_same_transaction()
    {
        var recorded = await SurveyLinks.RecordAsync(_app, _data, "T-1");

        var invitation = await _app.QueryAsync(db => db.SurveyInvitations.SingleAsync(i => i.TransactionId == recorded.Id));
        Assert.Equal(InvitationStatus.Pending, invitation.Status);
        Assert.Equal(_app.Clock.GetUtcNow().AddDays(30), invitation.ExpiresAt);
        var email = await _app.QueryAsync(db => db.OutboxMessages.SingleAsync());
        Assert.Equal(invitation.Id, email.SurveyInvitationId);
        Assert.Contains(Domain.Email.OutboxMessage.LinkPlaceholder, email.TextBody, StringComparison.Ordinal);
        Assert.Equal(0, await _app.QueryAsync(db => db.SurveyLinkTokens.CountAsync()));
    }

    [Fact]
    public async Task A_contact_surveyed_within_the_throttle_window_is_not_asked_again()
    {
        await SurveyLinks.RecordAsync(_app, _data, "T-1");
        _app.Clock.Advance(TimeSpan.FromDays(13));
        var second = await SurveyLinks.RecordAsync(_app, _data, "T-2");
        _app.Clock.Advance(TimeSpan.FromDays(2));
        var third = await SurveyLinks.RecordAsync(_app, _data, "T-3");

        Assert.Equal((InvitationStatus.Suppressed, SuppressionReason.Throttled), await StatusOf(second.Id));
        Assert.Equal(InvitationStatus.Pending, (await StatusOf(third.Id)).Status);
        Assert.Equal(2, await _app.QueryAsync(db => db.OutboxMessages.CountAsync()));
    }

    [Fact]
    public async Task An_opted_out_contact_a_contact_without_email_and_an_excluded_client_are_not_asked()
    {
        Guid optedOut = default, noEmail = default;
        await _app.ExecuteAsync(async db =>
        {
            var client = await db.Clients.Include(c => c.Contacts).SingleAsync(c => c.Id == _data.Northwind.Id);
            var ben = client.AddContact("Ben", "ben@northwind.example", "en");
            ben.OptOut();
            optedOut = ben.Id;
            noEmail = client.AddContact("Cleo", null, "en").Id;
        });
        var a = await SurveyLinks.RecordAsync(_app, _data, "T-1", optedOut);
        var b = await SurveyLinks.RecordAsync(_app, _data, "T-2", noEmail);
        await _app.ExecuteAsync(async db =>
        {
            var client = await db.Clients.SingleAsync(c => c.Id == _data.Northwind.Id);
            var team = await db.Teams.SingleAsync(t => t.Id == client.ClientTeamId);
            client.Update(client.Name, client.ExternalId, client.Segment, client.AnnualRevenue, team, excludedFromSurveys: true);
        });
        var c = await SurveyLinks.RecordAsync(_app, _data, "T-3");

        Assert.Equal((InvitationStatus.Suppressed, SuppressionReason.OptedOut), await StatusOf(a.Id));
        Assert.Equal((InvitationStatus.Suppressed, SuppressionReason.NoEmail), await StatusOf(b.Id));
        Assert.Equal((InvitationStatus.Suppressed, SuppressionReason.ClientExcluded), await StatusOf(c.Id));
        Assert.Equal(0, await _app.QueryAsync(db => db.OutboxMessages.CountAsync()));
    }

    [Fact]
    public async Task Recording_the_same_reference_twice_invites_once()
    {
        await SurveyLinks.RecordAsync(_app, _data, "T-1");
        var again = await SurveyLinks.RecordAsync(_app, _data, "T-1");

        Assert.False(again.Created);
        Assert.Equal(1, await _app.QueryAsync(db => db.SurveyInvitations.CountAsync()));
    }

    private Task<(InvitationStatus Status, SuppressionReason? Reason)> StatusOf(Guid transactionId) =>
        _app.QueryAsync(async db => await db.SurveyInvitations
            .Where(i => i.TransactionId == transactionId)
            .Select(i => new ValueTuple<InvitationStatus, SuppressionReason?>(i.Status, i.SuppressionReason))
            .SingleAsync());
}
