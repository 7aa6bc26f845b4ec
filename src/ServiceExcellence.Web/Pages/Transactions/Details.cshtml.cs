using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceExcellence.Application.Transactions;

namespace ServiceExcellence.Web.Pages.Transactions;

public sealed class DetailsModel(IMediator mediator) : PageModel
{
    public TransactionDetails.Model Transaction { get; private set; } = default!;

    public async Task OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        Transaction = await mediator.Send(new TransactionDetails.Query(id), cancellationToken);
}
