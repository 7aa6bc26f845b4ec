using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Domain.Email;
using ServiceExcellence.Domain.Privacy;
using ServiceExcellence.Domain.Surveys;

namespace ServiceExcellence.Application.Privacy;

/// <summary>
/// The retention job's work: deletes survey link tokens long after their invitation expired, invitations that were never
/// answered (they have no rating, so no figure counts them), and sent emails. Each step is a conditional DELETE, so a second
/// instance running the same purge finds nothing left and records nothing.
/// </summary>
public static class PurgeExpiredData
{
    public sealed record Command : ICommand<Result>;

    public sealed record Result(int LinkTokens, int Invitations, int Emails)
    {
        public bool PurgedAnything => LinkTokens + Invitations + Emails > 0;
    }

    public sealed class Handler(IAppDbContext db, IOptions<PrivacyOptions> options, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var settings = options.Value;
            var now = clock.GetUtcNow();
            var tokensBefore = now.AddDays(-settings.LinkTokenDays);
            var invitationsBefore = now.AddDays(-settings.UnansweredInvitationDays);
            var emailsBefore = now.AddDays(-settings.SentEmailDays);

            var tokens = await db.SurveyLinkTokens
                .Where(t => db.SurveyInvitations.Any(i => i.Id == t.InvitationId && i.ExpiresAt != null && i.ExpiresAt < tokensBefore))
                .ExecuteDeleteAsync(cancellationToken);

            var unanswered = db.SurveyInvitations.Where(i => i.Status != InvitationStatus.Responded
                && i.CreatedAt < invitationsBefore
                && !db.Ratings.Any(r => r.InvitationId == i.Id));
            tokens += await db.SurveyLinkTokens.Where(t => unanswered.Any(i => i.Id == t.InvitationId)).ExecuteDeleteAsync(cancellationToken);
            var invitationEmails = await db.OutboxMessages
                .Where(m => m.SurveyInvitationId != null && unanswered.Any(i => i.Id == m.SurveyInvitationId))
                .ExecuteDeleteAsync(cancellationToken);
            var invitations = await unanswered.ExecuteDeleteAsync(cancellationToken);

            var emails = invitationEmails + await db.OutboxMessages
                .Where(m => m.Status == OutboxStatus.Sent && m.SentAt != null && m.SentAt < emailsBefore)
                .ExecuteDeleteAsync(cancellationToken);

            var result = new Result(tokens, invitations, emails);
            if (result.PurgedAnything)
            {
                db.PrivacyAudit.Add(new PrivacyAuditEntry(now, null, "Retention job", PrivacyAction.PurgedByRetention, null,
                    $"{tokens} link tokens (invitation expired over {settings.LinkTokenDays} days ago), "
                    + $"{invitations} unanswered invitations (over {settings.UnansweredInvitationDays} days old), "
                    + $"{emails} emails (sent over {settings.SentEmailDays} days ago, or of those invitations)"));
            }

            return result;
        }
    }
}
