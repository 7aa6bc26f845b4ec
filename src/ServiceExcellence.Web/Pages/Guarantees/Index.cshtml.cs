using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceExcellence.Application.Guarantees;

namespace ServiceExcellence.Web.Pages.Guarantees;

/// <summary>The president's guarantee desk: this month's figures against the last, open invocations oldest first, then recent outcomes.</summary>
public sealed class IndexModel(IMediator mediator) : PageModel
{
    public ListGuarantees.Model Desk { get; private set; } = default!;

    public GuaranteeFigures.Model Figures { get; private set; } = default!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Desk = await mediator.Send(new ListGuarantees.Query(), cancellationToken);
        Figures = await mediator.Send(new GuaranteeFigures.Query(), cancellationToken);
    }
}
