using Mediator;

namespace ServiceExcellence.Application.Guarantees;

/// <summary>The client takes the invocation back (or it was logged by mistake): it leaves the open list, notes kept.</summary>
public static class WithdrawGuarantee
{
    public sealed record Command(Guid Id, Guid Version) : ICommand;

    public sealed class Handler(GuaranteeAccess access, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var presidentId = access.PresidentId;
            var invocation = await access.LoadForChangeAsync(command.Id, command.Version, cancellationToken);
            invocation.Withdraw(invocation.PresidentNotes, presidentId, clock.GetUtcNow());
            return Unit.Value;
        }
    }
}
