using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ServiceExcellence.Application.Common.Exceptions;
using ServiceExcellence.Application.Common.Interfaces;

namespace ServiceExcellence.Application.Surveys;

/// <summary>The contact behind a survey link asks for no more surveys.</summary>
public static class Unsubscribe
{
    public sealed record Command(string? Token) : ICommand;

    public sealed class Handler(IAppDbContext db, ILogger<Handler> logger) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var invitationId = await SurveyTokens.FindInvitationAsync(db, command.Token, cancellationToken)
                ?? throw new NotFoundException("The survey");
            var contactId = await db.SurveyInvitations.Where(i => i.Id == invitationId).Select(i => i.ContactId).SingleAsync(cancellationToken);
            var contact = await db.Contacts.SingleAsync(c => c.Id == contactId, cancellationToken);
            contact.OptOut();
            logger.LogInformation("Contact {ContactId} opted out of surveys", contact.Id);
            return Unit.Value;
        }
    }
}
