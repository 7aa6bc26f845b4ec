using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ServiceExcellence.Application.Alerts;

/// <summary>A team member takes an alert: it is assigned to them.</summary>
public static class TakeAlert
{
    public sealed record Command(Guid Id, Guid Version) : ICommand;

    public sealed class Handler(AlertAccess access, Common.Interfaces.IAppDbContext db, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var alert = await access.LoadForChangeAsync(command.Id, command.Version, cancellationToken);
            var me = access.ActorId;
            var name = await db.People.Where(p => p.Id == me).Select(p => p.DisplayName).SingleAsync(cancellationToken);
            alert.Assign(me, me, clock.GetUtcNow(), name);
            return Unit.Value;
        }
    }
}
