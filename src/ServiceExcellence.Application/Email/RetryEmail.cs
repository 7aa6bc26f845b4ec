using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Common.Exceptions;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Application.Common.Security;
using ServiceExcellence.Domain.Common;
using ServiceExcellence.Domain.Email;
using ServiceExcellence.Domain.People;

namespace ServiceExcellence.Application.Email;

/// <summary>An administrator sends a failed email again: the dispatcher picks it up on its next round, with a fresh set of attempts.</summary>
public static class RetryEmail
{
    [RequiresRole(StaffRole.Administrator)]
    public sealed record Command(Guid Id) : ICommand;

    public sealed class Handler(IAppDbContext db, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var message = await db.OutboxMessages.SingleOrDefaultAsync(m => m.Id == command.Id, cancellationToken)
                ?? throw new NotFoundException("The email");
            if (message.Status != OutboxStatus.Failed)
            {
                throw new DomainException(message.Status == OutboxStatus.Sent
                    ? $"The email to {message.ToAddress} was already sent. Only a failed email can be sent again."
                    : $"The email to {message.ToAddress} is still waiting to be sent. Only a failed email can be sent again.");
            }

            message.Retry(clock.GetUtcNow());
            return Unit.Value;
        }
    }
}
