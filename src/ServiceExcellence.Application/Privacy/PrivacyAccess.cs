using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Common.Exceptions;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Domain.People;

namespace ServiceExcellence.Application.Privacy;

/// <summary>Only administrators see, export or erase what is held about a contact; the pages' policy says the same.</summary>
internal static class PrivacyAccess
{
    public static void RequireAdministrator(ICurrentUser user)
    {
        if (!user.IsInRole(StaffRoles.Administrator))
        {
            throw new ForbiddenException("Only administrators handle privacy requests.");
        }
    }

    /// <summary>The name recorded in the privacy audit trail for the signed-in person.</summary>
    public static async Task<(Guid? Id, string Name)> ActorAsync(IAppDbContext db, ICurrentUser user, CancellationToken cancellationToken)
    {
        var name = user.PersonId is { } id
            ? await db.People.Where(p => p.Id == id).Select(p => p.DisplayName).SingleOrDefaultAsync(cancellationToken)
            : null;
        return (user.PersonId, name ?? "Unknown member of staff");
    }
}
