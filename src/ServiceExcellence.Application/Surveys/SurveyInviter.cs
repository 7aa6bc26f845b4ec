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
        var settings = options.Value;
        var reason = await SuppressionReasonAsync(client, contact, now - settings.Throttle, cancellationToken);
        if (reason is { } suppressed)
        {
            var skipped = SurveyInvitation.Suppress(transaction.Id, contact.Id, contact.Language, now, suppressed);
            db.SurveyInvitations.Add(skipped);
            logger.LogInformation("Survey for transaction {TransactionId} suppressed: {Reason}", transaction.Id, suppressed);
            return skipped;
        }

        var invitation = SurveyInvitation.Create(transaction.Id, contact.Id, contact.Language, now, settings.LinkLifetime);
        db.SurveyInvitations.Add(invitation);
        contact.MarkSurveyed(now);
        var email = composer.ComposeSurvey(new SurveyEmailModel(contact.Name, client.Name, serviceLine.Name, transaction.OccurredAt, contact.Language, IsReminder: false));
        db.OutboxMessages.Add(new OutboxMessage(EmailKinds.SurveyInvitation, contact.Email!, contact.Name, email.Subject, email.TextBody, email.HtmlBody, now, invitation.Id));
        return invitation;
    }

    private async Task<SuppressionReason?> SuppressionReasonAsync(Client client, Contact contact, DateTimeOffset throttleStart, CancellationToken cancellationToken)
    {
        if (client.ExcludedFromSurveys)
        {
            return SuppressionReason.ClientExcluded;
        }

        if (contact.OptedOut)
        {
            return SuppressionReason.OptedOut;
        }

        if (contact.Email is null)
        {
            return SuppressionReason.NoEmail;
        }

        // Surveyed recently: either the contact's last survey time, or an invitation waiting in this very batch.
        var recentlyInvited = contact.LastSurveyedAt > throttleStart
            || await db.SurveyInvitations.AnyAsync(
                i => i.ContactId == contact.Id && i.CreatedAt > throttleStart && i.Status != InvitationStatus.Suppressed,
                cancellationToken)
            || db.SurveyInvitations.Local.Any(i => i.ContactId == contact.Id && i.Status != InvitationStatus.Suppressed);
        return recentlyInvited ? SuppressionReason.Throttled : null;
    }
}
