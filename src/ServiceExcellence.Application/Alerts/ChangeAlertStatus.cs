using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Application.Webhooks;

namespace ServiceExcellence.Application.Alerts;

/// <summary>Resolve (the client is recovered; subscribed webhook endpoints hear of it), close (nothing more to do), or reopen an alert.</summary>
public static class ChangeAlertStatus
{
    public enum Change
    {
        Resolve,
        Close,
        Reopen,
    }

    public sealed record Command(Guid Id, Guid Version, Change To) : ICommand;

    public sealed class Handler(IAppDbContext db, AlertAccess access, WebhookEvents webhooks, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var alert = await access.LoadForChangeAsync(command.Id, command.Version, cancellationToken);
            var now = clock.GetUtcNow();
            switch (command.To)
            {
                case Change.Resolve:
                    alert.Resolve(access.ActorId, now);
                    await webhooks.AlertResolvedAsync(alert, cancellationToken);
                    break;
                case Change.Close:
                    alert.Close(access.ActorId, now);
                    break;
                default:
                    // Reopened alerts get the resolve time of the rules that raised them again.
                    var ruleIds = await db.AlertTriggers.Where(t => t.AlertId == alert.Id).Select(t => t.RuleId).ToListAsync(cancellationToken);
                    var hours = await db.AlertRules.Where(r => ruleIds.Contains(r.Id)).Select(r => (int?)r.ResolveWithinHours).MinAsync(cancellationToken) ?? 72;
                    alert.Reopen(access.ActorId, now, TimeSpan.FromHours(hours));
                    break;
            }

            return Unit.Value;
        }
    }
}
