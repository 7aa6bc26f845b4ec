using Mediator;

namespace ServiceExcellence.Application.Alerts;

/// <summary>Someone has seen the alert and owns it; stops the acknowledge clock (and its escalation).</summary>
public static class AcknowledgeAlert
{
    public sealed record Command(Guid Id, Guid Version) : ICommand;

    public sealed class Handler(AlertAccess access, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var alert = await access.LoadForChangeAsync(command.Id, command.Version, cancellationToken);
            alert.Acknowledge(access.ActorId, clock.GetUtcNow());
            return Unit.Value;
        }
    }
}
