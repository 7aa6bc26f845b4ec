using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Common.Exceptions;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Application.Common.Security;
using ServiceExcellence.Domain.People;

namespace ServiceExcellence.Application.ApiKeys;

/// <summary>A revoked key is refused from the next request on; it stays listed so its use can be traced.</summary>
public static class RevokeApiKey
{
    [RequiresRole(StaffRole.Administrator)]
    public sealed record Command(Guid Id) : ICommand<string>;

    public sealed class Handler(IAppDbContext db, TimeProvider clock) : ICommandHandler<Command, string>
    {
        public async ValueTask<string> Handle(Command command, CancellationToken cancellationToken)
        {
            var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == command.Id, cancellationToken)
                ?? throw new NotFoundException("The API key");
            key.Revoke(clock.GetUtcNow());
            return key.Name;
        }
    }
}
