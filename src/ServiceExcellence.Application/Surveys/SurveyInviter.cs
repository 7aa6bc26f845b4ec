using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Application.Email;
using ServiceExcellence.Domain.Clients;
using ServiceExcellence.Domain.Email;
using ServiceExcellence.Domain.ServiceLines;
using ServiceExcellence.Domain.Surveys;
using ServiceExcellence.Domain.Transactions;

namespace ServiceExcellence.Application.Surveys;

/// <summary>
/// The invitation policy, run inside the command that records a transaction: either a suppressed invitation
/// that says why, or an invitation and its email in the outbox — stored in the same database transaction.
/// </summary>
public sealed class SurveyInviter(IAppDbContext db, ISurveyEmailComposer composer, IOptions<SurveyOptions> options, TimeProvider clock, ILogger<SurveyInviter> logger)
{
    public async Task<SurveyInvitation> InviteAsync(Transaction transaction, Client client, Contact contact, ServiceLine serviceLine, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var throttleStart = now - options.Value.Throttle;
        var reason = StandingReason(client, contact) ?? (await RecentlyInvitedAsync(contact, throttleStart, cancellationToken) ? SuppressionReason.Throttled : null);
        return Invite(transaction, client, contact, serviceLine, reason, now);
    }

    /// <summary>
    /// The same policy for a whole batch of new transactions (an API batch, a chunk of a CSV import), with one
    /// query for the contacts' recent invitations instead of one per transaction.
    /// </summary>
    public async Task InviteAllAsync(IReadOnlyList<(Transaction Transaction, Client Client, Contact Contact, ServiceLine ServiceLine)> items, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var throttleStart = now - options.Value.Throttle;
        var contactIds = items.Select(i => i.Contact.Id).Distinct().ToList();
        var invited = (await db.SurveyInvitations.AsNoTracking()
                .Where(i => contactIds.Contains(i.ContactId) && i.CreatedAt > throttleStart && i.Status != InvitationStatus.Suppressed)
                .Select(i => i.ContactId)
                .Distinct()
                .ToListAsync(cancellationToken))
            .ToHashSet();
        invited.UnionWith(db.SurveyInvitations.Local.Where(i => i.Status != InvitationStatus.Suppressed).Select(i => i.ContactId));
        foreach (var (transaction, client, contact, serviceLine) in items)
        {
            var reason = StandingReason(client, contact)
                ?? (contact.LastSurveyedAt > throttleStart || invited.Contains(contact.Id) ? SuppressionReason.Throttled : null);
            if (Invite(transaction, client, contact, serviceLine, reason, now).Status != InvitationStatus.Suppressed)
            {
                invited.Add(contact.Id);
            }
        }
    }

    private SurveyInvitation Invite(Transaction transaction, Client client, Contact contact, ServiceLine serviceLine, SuppressionReason? reason, DateTimeOffset now)
    {
        if (reason is { } suppressed)
        {
            var skipped = SurveyInvitation.Suppress(transaction.Id, contact.Id, contact.Language, now, suppressed);
            db.SurveyInvitations.Add(skipped);
            logger.LogInformation("Survey for transaction {TransactionId} suppressed: {Reason}", transaction.Id, suppressed);
            return skipped;
        }

        var invitation = SurveyInvitation.Create(transaction.Id, contact.Id, contact.Language, now, options.Value.LinkLifetime);
        db.SurveyInvitations.Add(invitation);
        contact.MarkSurveyed(now);
        var email = composer.ComposeSurvey(new SurveyEmailModel(contact.Name, client.Name, serviceLine.Name, transaction.OccurredAt, contact.Language, IsReminder: false));
        db.OutboxMessages.Add(new OutboxMessage(EmailKinds.SurveyInvitation, contact.Email!, contact.Name, email.Subject, email.TextBody, email.HtmlBody, now, invitation.Id));
        return invitation;
    }

    /// <summary>Reasons that hold whatever the timing: the client is excluded, the contact opted out or has no email.</summary>
    private static SuppressionReason? StandingReason(Client client, Contact contact)
    {
        if (client.ExcludedFromSurveys)
        {
            return SuppressionReason.ClientExcluded;
        }

        if (contact.OptedOut)
        {
            return SuppressionReason.OptedOut;
        }

        return contact.Email is null ? SuppressionReason.NoEmail : null;
    }

    /// <summary>Surveyed recently: either the contact's last survey time, or an invitation waiting in this very batch.</summary>
    private async Task<bool> RecentlyInvitedAsync(Contact contact, DateTimeOffset throttleStart, CancellationToken cancellationToken) =>
        contact.LastSurveyedAt > throttleStart
        || await db.SurveyInvitations.AnyAsync(
            i => i.ContactId == contact.Id && i.CreatedAt > throttleStart && i.Status != InvitationStatus.Suppressed,
            cancellationToken)
        || db.SurveyInvitations.Local.Any(i => i.ContactId == contact.Id && i.Status != InvitationStatus.Suppressed);
}
