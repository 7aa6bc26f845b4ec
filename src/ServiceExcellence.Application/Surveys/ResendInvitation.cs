using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ServiceExcellence.Application.Common.Exceptions;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Application.Email;
using ServiceExcellence.Domain.Common;
using ServiceExcellence.Domain.Email;

namespace ServiceExcellence.Application.Surveys;

/// <summary>Staff send a transaction's survey again (the email bounced, or the link ran out); the links sent before keep working.</summary>
public static class ResendInvitation
{
    public sealed record Command(Guid TransactionId) : ICommand;

    public sealed class Handler(IAppDbContext db, ISurveyEmailComposer composer, IOptions<SurveyOptions> options, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var invitation = await db.SurveyInvitations.SingleOrDefaultAsync(i => i.TransactionId == command.TransactionId, cancellationToken)
                ?? throw new NotFoundException("The survey invitation");
            var about = await (
                from t in db.Transactions
                where t.Id == command.TransactionId
                join c in db.Clients on t.ClientId equals c.Id
                join k in db.Contacts on invitation.ContactId equals k.Id
                join s in db.ServiceLines on t.ServiceLineId equals s.Id
                select new { Contact = k, ClientName = c.Name, ServiceLineName = s.Name, t.OccurredAt })
                .SingleAsync(cancellationToken);
            if (about.Contact.OptedOut || about.Contact.Email is null)
            {
                throw new DomainException(about.Contact.OptedOut
                    ? $"{about.Contact.Name} has opted out of surveys."
                    : $"{about.Contact.Name} has no email address.");
            }

            var now = clock.GetUtcNow();
            invitation.Reopen(now, options.Value.LinkLifetime);
            var email = composer.ComposeSurvey(new SurveyEmailModel(about.Contact.Name, about.ClientName, about.ServiceLineName, about.OccurredAt, invitation.Language, IsReminder: false));
            db.OutboxMessages.Add(new OutboxMessage(EmailKinds.SurveyInvitation, about.Contact.Email, about.Contact.Name, email.Subject, email.TextBody, email.HtmlBody, now, invitation.Id));
            return Unit.Value;
        }
    }
}
