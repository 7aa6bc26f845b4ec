using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Common.Exceptions;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Application.Common.Security;
using ServiceExcellence.Domain.Common;
using ServiceExcellence.Domain.People;

namespace ServiceExcellence.Application.Webhooks;

/// <summary>Queues a <c>webhook.test</c> event for one endpoint; it is signed and delivered like any other, within seconds.</summary>
public static class SendTestWebhook
{
    [RequiresRole(StaffRole.Administrator)]
    public sealed record Command(Guid EndpointId) : ICommand<Guid>;

    public sealed class Handler(IAppDbContext db, WebhookEvents events) : ICommandHandler<Command, Guid>
    {
        public async ValueTask<Guid> Handle(Command command, CancellationToken cancellationToken)
        {
            var endpoint = await db.WebhookEndpoints.AsNoTracking().SingleOrDefaultAsync(e => e.Id == command.EndpointId, cancellationToken)
                ?? throw new NotFoundException("The webhook endpoint");
            if (!endpoint.IsActive)
            {
                throw new DomainException($"{endpoint.Name} is inactive: nothing is sent to it. Activate it first.");
            }

            return events.Test(endpoint.Id).Id;
        }
    }
}
