using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceExcellence.Application.Guarantees;

namespace ServiceExcellence.Web.Pages.Guarantees;

/// <summary>A client's guarantee history: every invocation, newest first, and the credit issued.</summary>
public sealed class ClientModel(IMediator mediator) : PageModel
{
    public ClientGuaranteeHistory.Model History { get; private set; } = default!;

    public async Task OnGetAsync(Guid clientId, CancellationToken cancellationToken) =>
        History = await mediator.Send(new ClientGuaranteeHistory.Query(clientId), cancellationToken);
}
