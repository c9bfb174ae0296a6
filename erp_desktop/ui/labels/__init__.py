"""Label printing dialog and the scan detector (a scanned label opens the thing it names)."""
