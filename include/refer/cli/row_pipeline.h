#pragma once
// Reading and checking an import's rows on a second thread, ahead of the database work on
// the calling thread: parsing a row needs no database, and the machine has two cores.
// Rows come out in file order; memory stays flat (a few batches in flight).
#include "refer/cli/import_file.h"

#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace refer {

template <typename Row>
class RowPipeline {
public:
    struct Item {
        CsvRecord record;
        Row row;
    };

    // `parse` runs on the reading thread: it must touch nothing the caller's thread uses.
    RowPipeline(ImportFile& file, std::function<Row(const CsvRecord&)> parse)
        : m_file(file), m_parse(std::move(parse)), m_reader([this] { read(); })
    {
    }

    ~RowPipeline()
    {
        {
            std::lock_guard lock(m_mutex);
            m_stop = true;
        }
        m_changed.notify_all();
        m_reader.join();
    }

    RowPipeline(const RowPipeline&) = delete;
    RowPipeline& operator=(const RowPipeline&) = delete;

    // The next non-blank row, or nullptr at the end of the file. Valid until the next call.
    // Rethrows what the reading thread threw.
    Item* next()
    {
        if (++m_at < m_batch.items.size()) return &m_batch.items[m_at];
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [this] { return !m_ready.empty() || m_done; });
        if (m_ready.empty()) {
            if (m_error) std::rethrow_exception(m_error);
            return nullptr;
        }
        m_batch = std::move(m_ready.front());
        m_ready.pop_front();
        lock.unlock();
        m_changed.notify_all();
        m_at = 0;
        return m_batch.items.empty() ? next() : &m_batch.items[0];
    }

    // How far the reading thread had read when the current row's batch was made, 0 to 1.
    double fraction_read() const { return m_batch.fraction_read; }

private:
    struct Batch {
        std::vector<Item> items;
        double fraction_read = 0;
    };
    // A batch ends at 512 rows or 1 MiB of text, whichever comes first: memory stays flat
    // however long the records are (each at most k_max_record_bytes).
    static constexpr size_t k_batch_rows = 512, k_batch_bytes = 1u << 20, k_batches_ahead = 4;

    void read()
    {
        CsvRecord record;
        bool more = true;
        while (more) {
            Batch batch;
            batch.items.reserve(k_batch_rows);
            std::exception_ptr error;
            size_t bytes = 0;
            try {
                while (batch.items.size() < k_batch_rows && bytes < k_batch_bytes && (more = m_file.next(record))) {
                    if (is_blank_row(record)) continue;
                    bytes += record.raw.size();
                    Row row = m_parse(record);
                    batch.items.push_back(Item{std::move(record), std::move(row)});
                }
            } catch (...) {
                error = std::current_exception(); // after the rows read before it
                more = false;
            }
            if (m_file.size() > 0)
                batch.fraction_read = static_cast<double>(m_file.reader().bytes_read()) / static_cast<double>(m_file.size());
            std::unique_lock lock(m_mutex);
            m_changed.wait(lock, [this] { return m_ready.size() < k_batches_ahead || m_stop; });
            if (m_stop) return;
            m_ready.push_back(std::move(batch));
            m_error = error;
            m_done = !more;
            lock.unlock();
            m_changed.notify_all();
        }
    }

    ImportFile& m_file;
    std::function<Row(const CsvRecord&)> m_parse;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<Batch> m_ready;
    bool m_done = false, m_stop = false;
    std::exception_ptr m_error;
    Batch m_batch;
    size_t m_at = 0;
    std::thread m_reader; // last: starts once everything above exists
};

} // namespace refer
