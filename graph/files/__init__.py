"""Files that leave the server: signed download links and streamed workbooks."""
