using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Common.Exceptions;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Application.Common.Security;
using ServiceExcellence.Domain.People;

namespace ServiceExcellence.Application.RoutingRules;

/// <summary>
/// Deletes a routing rule. Alerts it already routed keep their teams; only new alerts are routed without it.
/// The version makes sure the rule deleted is the rule the administrator saw.
/// </summary>
public static class DeleteRoutingRule
{
    [RequiresRole(StaffRole.Administrator)]
    public sealed record Command(Guid Id, Guid Version) : ICommand;

    public sealed class Handler(IAppDbContext db) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var rule = await db.RoutingRules.SingleOrDefaultAsync(r => r.Id == command.Id, cancellationToken)
                ?? throw new NotFoundException("The routing rule");
            db.RoutingRules.Entry(rule).Property(r => r.Version).OriginalValue = command.Version;
            db.RoutingRules.Remove(rule);
            return Unit.Value;
        }
    }
}
