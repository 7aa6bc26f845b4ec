using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Common.Exceptions;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Application.Common.Security;
using ServiceExcellence.Domain.People;

namespace ServiceExcellence.Application.Webhooks;

/// <summary>
/// An administrator sends a failed delivery again: same event, same body, same delivery id (so a receiver that
/// did get it can recognise the repeat), with a fresh set of attempts.
/// </summary>
public static class RedeliverWebhook
{
    [RequiresRole(StaffRole.Administrator)]
    public sealed record Command(Guid EndpointId, Guid DeliveryId) : ICommand;

    public sealed class Handler(IAppDbContext db, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var delivery = await db.WebhookDeliveries.SingleOrDefaultAsync(d => d.Id == command.DeliveryId && d.EndpointId == command.EndpointId, cancellationToken)
                ?? throw new NotFoundException("The delivery");
            delivery.Redeliver(clock.GetUtcNow());
            return Unit.Value;
        }
    }
}
