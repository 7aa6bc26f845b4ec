using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Application.Email;
using ServiceExcellence.Domain.Email;
using ServiceExcellence.Domain.Surveys;

namespace ServiceExcellence.Application.Surveys;

/// <summary>
/// One reminder per unanswered invitation after the configured delay. Run by the scheduler; the invitation's
/// concurrency token means two instances running it at once send each reminder once.
/// </summary>
public static class SendSurveyReminders
{
    public sealed record Command(int BatchSize = 200) : ICommand<int>;

    public sealed class Handler(IAppDbContext db, ISurveyEmailComposer composer, IOptions<SurveyOptions> options, TimeProvider clock) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var settings = options.Value;
            if (settings.ReminderDelayDays <= 0)
            {
                return 0;
            }

            var now = clock.GetUtcNow();
            var due = now - settings.ReminderDelay;
            // One query for the batch: the invitations (tracked, they record the reminder) with what the email needs.
            var batch = await (
                from i in db.SurveyInvitations
                where (i.Status == InvitationStatus.Sent || i.Status == InvitationStatus.Opened)
                    && i.ReminderCount == 0 && i.SentAt <= due && i.ExpiresAt > now
                join t in db.Transactions on i.TransactionId equals t.Id
                join c in db.Clients on t.ClientId equals c.Id
                join k in db.Contacts on i.ContactId equals k.Id
                join s in db.ServiceLines on t.ServiceLineId equals s.Id
                orderby i.SentAt
                select new { Invitation = i, ContactName = k.Name, ContactEmail = k.Email, k.OptedOut, ClientName = c.Name, ServiceLineName = s.Name, t.OccurredAt })
                .Take(command.BatchSize)
                .ToListAsync(cancellationToken);

            foreach (var about in batch)
            {
                var invitation = about.Invitation;
                invitation.RecordReminder(now);
                if (about.OptedOut || about.ContactEmail is null)
                {
                    continue;
                }

                var email = composer.ComposeSurvey(new SurveyEmailModel(about.ContactName, about.ClientName, about.ServiceLineName, about.OccurredAt, invitation.Language, IsReminder: true));
                db.OutboxMessages.Add(new OutboxMessage(EmailKinds.SurveyReminder, about.ContactEmail, about.ContactName, email.Subject, email.TextBody, email.HtmlBody, now, invitation.Id));
            }

            return batch.Count;
        }
    }
}
