using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Common.Exceptions;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Domain.Integrations;
using ServiceExcellence.Domain.People;

namespace ServiceExcellence.Application.Imports;

/// <summary>An import is seen by the person who uploaded it and by administrators; to anyone else it does not exist.</summary>
public static class ImportAccess
{
    public static IQueryable<TransactionImport> Visible(this IQueryable<TransactionImport> imports, ICurrentUser user) =>
        user.IsInRole(StaffRoles.Administrator) ? imports : imports.Where(i => i.UploadedById == user.PersonId);

    public static async Task<TransactionImport> FindVisibleAsync(this IQueryable<TransactionImport> imports, Guid id, ICurrentUser user, CancellationToken cancellationToken) =>
        await imports.Visible(user).SingleOrDefaultAsync(i => i.Id == id, cancellationToken) ?? throw new NotFoundException("The import");
}
