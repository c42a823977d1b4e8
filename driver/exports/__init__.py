"""Every list to CSV and XLSX: columns, safe cells, streamed responses (see ``files``)."""
