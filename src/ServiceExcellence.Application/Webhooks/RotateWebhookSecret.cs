using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Common.Exceptions;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Application.Common.Security;
using ServiceExcellence.Domain.People;

namespace ServiceExcellence.Application.Webhooks;

/// <summary>
/// Replaces an endpoint's signing secret; returns the new one, shown once. Deliveries from now on, retries of
/// older ones included, are signed with it.
/// </summary>
public static class RotateWebhookSecret
{
    [RequiresRole(StaffRole.Administrator)]
    public sealed record Command(Guid Id) : ICommand<string>;

    public sealed class Handler(IAppDbContext db, IWebhookSecrets secrets, TimeProvider clock) : ICommandHandler<Command, string>
    {
        public async ValueTask<string> Handle(Command command, CancellationToken cancellationToken)
        {
            var endpoint = await db.WebhookEndpoints.SingleOrDefaultAsync(e => e.Id == command.Id, cancellationToken)
                ?? throw new NotFoundException("The webhook endpoint");
            var (secret, protectedSecret) = secrets.Create();
            endpoint.RotateSecret(protectedSecret, clock.GetUtcNow());
            return secret;
        }
    }
}
